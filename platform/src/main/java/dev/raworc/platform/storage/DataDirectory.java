package dev.raworc.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server's data directory: embedded database files and generated keys. Everything written
 * here is readable by the owner only, because it includes key material.
 */
public class DataDirectory {

    private final Path root;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** A sub-directory, created owner-only when missing. */
    public Path directory(String name) {
        Path dir = root.resolve(name);
        createOwnerOnlyDirectory(root);
        createOwnerOnlyDirectory(dir);
        return dir;
    }

    /** The trimmed content of a file of the data directory, if it exists. */
    public Optional<String> read(String fileName) {
        Path file = root.resolve(fileName);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Reads a secret file, or creates it owner-only with a generated value. Two processes starting
     * together on one directory agree on the value: the loser of the create reads the winner's file.
     */
    public String readOrCreate(String fileName, Supplier<String> generator) {
        return read(fileName).orElseGet(() -> {
            String value = generator.get();
            return writeOwnerOnly(fileName, value) ? value : read(fileName).orElseThrow();
        });
    }

    /** Writes a new owner-only file; returns false when the file already existed. */
    public boolean writeOwnerOnly(String fileName, String content) {
        createOwnerOnlyDirectory(root);
        Path file = root.resolve(fileName);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void createOwnerOnlyDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dir, e);
        }
    }
}
