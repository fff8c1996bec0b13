package dev.raworc.runner.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A tar archive of one file: how a task's text is copied into a container. */
final class TaskArchive {

    private TaskArchive() {
    }

    static InputStream of(String fileName, String text) {
        byte[] content = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream archive = new ByteArrayOutputStream(content.length + 1024);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive)) {
            TarArchiveEntry entry = new TarArchiveEntry(fileName);
            entry.setSize(content.length);
            entry.setMode(0600);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot archive a task", e);
        }
        return new ByteArrayInputStream(archive.toByteArray());
    }
}
