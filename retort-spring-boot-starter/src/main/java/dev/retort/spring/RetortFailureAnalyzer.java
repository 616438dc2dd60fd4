package dev.retort.spring;

import dev.retort.api.RetortException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up that Retort refused says why in Retort's one line, without a stack trace to dig through. */
class RetortFailureAnalyzer extends AbstractFailureAnalyzer<RetortException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RetortException cause) {
        return new FailureAnalysis("Retort: " + cause.getMessage(),
                "Fix what the message names, or set retort.enabled=false to start without migrating.", cause);
    }
}
