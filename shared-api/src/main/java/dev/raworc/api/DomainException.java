package dev.raworc.api;

/**
 * A command refused by the domain. Carries the kind of refusal so every side (and every transport
 * in between) can turn it into the same answer, without the domain knowing about HTTP.
 */
public class DomainException extends RuntimeException {

    /** {@code MALFORMED}: a request that cannot mean anything (a path leading outside, say), unlike a value that fails validation. */
    public enum Kind { CONFLICT, NOT_FOUND, VALIDATION, MALFORMED, FORBIDDEN, UNAUTHORIZED }

    private final Kind kind;

    public DomainException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static DomainException conflict(String message) {
        return new DomainException(Kind.CONFLICT, message);
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, message);
    }

    public static DomainException malformed(String message) {
        return new DomainException(Kind.MALFORMED, message);
    }
}
