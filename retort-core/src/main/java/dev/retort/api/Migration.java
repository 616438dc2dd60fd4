package dev.retort.api;

/** A revision's code: what {@code upgrade} does, and how {@code downgrade} undoes it. */
public interface Migration {
    void upgrade(Operations op);

    void downgrade(Operations op);
}
