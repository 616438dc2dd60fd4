package dev.retort.runtime;

/**
 * How transactional steps are grouped into transactions ({@code transaction_per}): {@link PerRevision} commits each
 * revision, {@link PerRun} one transaction for the run. Steps that cannot run in a transaction go to {@link TrackedStep}
 * whatever the strategy.
 */
sealed interface TransactionStrategy permits PerRevision, PerRun {
    /** Runs the step at {@code index} and maybe more after it; returns how many steps ran. */
    int run(int index);

    /** Ends any transaction this strategy holds open, before a step that runs outside one or at the end of the run. */
    void pause();
}
