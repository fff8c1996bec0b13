package dev.raworc.api;

/** Keys of the metadata that travels with every command and the events it causes. */
public final class MetaDataKeys {

    /** The user name of whoever caused the message, or {@link #SYSTEM_PRINCIPAL}. */
    public static final String PRINCIPAL = "principal";

    /** The principal of changes the server makes on its own (first-start seeding, say). */
    public static final String SYSTEM_PRINCIPAL = "system";

    private MetaDataKeys() {
    }
}
