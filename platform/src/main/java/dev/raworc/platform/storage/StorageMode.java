package dev.raworc.platform.storage;

/** Whether the database is the built-in embedded one or an external PostgreSQL. */
public enum StorageMode {
    EMBEDDED, EXTERNAL
}
