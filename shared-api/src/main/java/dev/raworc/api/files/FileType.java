package dev.raworc.api.files;

import java.util.Locale;

/** What a path in a session's {@code /session} is; lower case on the wire. */
public enum FileType {
    FILE, DIRECTORY, SYMLINK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
