package dev.raworc.query.files;

import java.time.Instant;

import dev.raworc.api.files.FileEntry;
import dev.raworc.platform.content.FilePaths;

/**
 * A path of a session's files on the wire: its type in lower case, its mode in octal ({@code 0644});
 * a file's content hash, a symlink's target, null otherwise.
 */
record FileView(String path, String name, String type, long size, String mode, Instant modifiedAt, String hash,
                String target) {

    /** The entry, shown at {@code path}: where the client asked for it, which may be through a symlink. */
    static FileView of(FileEntry entry, String path) {
        return new FileView(path, FilePaths.name(path), entry.type().wireName(), entry.size(),
                String.format("%04o", entry.mode() & 07777), entry.modifiedAt(), entry.hash(), entry.target());
    }
}
