package dev.retort.model;

/**
 * A piece of the application's schema declared in Java. Retort loads every configured model class and calls
 * {@link #define(Metadata)} on one shared {@link Metadata}: the Java counterpart of importing every model module so
 * that it registers on SQLAlchemy's metadata.
 */
public interface Model {
    void define(Metadata metadata);
}
