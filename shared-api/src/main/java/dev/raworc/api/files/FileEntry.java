package dev.raworc.api.files;

import java.time.Instant;

/**
 * One path under {@code /session}, relative to it ({@code notes/today.md}). A file names its
 * content by {@code hash} (SHA-256, hex); a symlink has a {@code target}; both are null otherwise.
 */
public record FileEntry(String path, FileType type, long size, int mode, Instant modifiedAt, String hash,
                        String target) {

    public static FileEntry directory(String path, int mode, Instant modifiedAt) {
        return new FileEntry(path, FileType.DIRECTORY, 0, mode, modifiedAt, null, null);
    }

    public static FileEntry file(String path, long size, int mode, Instant modifiedAt, String hash) {
        return new FileEntry(path, FileType.FILE, size, mode, modifiedAt, hash, null);
    }

    public static FileEntry symlink(String path, String target, Instant modifiedAt) {
        return new FileEntry(path, FileType.SYMLINK, 0, 0777, modifiedAt, null, target);
    }
}
