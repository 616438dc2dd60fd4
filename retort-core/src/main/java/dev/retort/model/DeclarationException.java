package dev.retort.model;

/**
 * A declaration the model cannot hold: a column declared twice, a key without columns, an empty name. Whoever runs the
 * user's code (the model loader, the migrator running a revision) reports it as a {@code RetortException} naming the
 * model class or revision; the model itself knows nothing of Retort's commands.
 */
public final class DeclarationException extends IllegalArgumentException {
    public DeclarationException(String message) { super(message); }

    /** The name or type as given, refused when it is empty. */
    static String requireName(String value, String what) {
        if (value == null || value.isBlank()) throw new DeclarationException(what + " must not be empty");
        return value;
    }
}
