package dev.raworc.command.files;

import java.time.Instant;

import dev.raworc.api.files.FileEntry;
import dev.raworc.platform.content.FilePaths;

/** A file entry as the API shows it: its mode in octal, as {@code ls} would. */
record FileView(String path, String name, String type, long size, String mode, Instant modifiedAt, String hash,
                String target) {

    static FileView of(FileEntry entry) {
        return new FileView(entry.path(), FilePaths.name(entry.path()), entry.type().wireName(), entry.size(),
                String.format("%04o", entry.mode()), entry.modifiedAt(), entry.hash(), entry.target());
    }
}
