package dev.raworc.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import dev.raworc.server.ApiClient.Response;

/** Uploads to {@code /sessions/{id}/files}: bodies of bytes, declared or chunked, and tar archives to send. */
final class FileWrites {

    static final String TAR = "application/x-tar";

    private final ApiClient api;

    FileWrites(int port) {
        this.api = new ApiClient(port);
    }

    /** {@code PUT /api/v0 + path} with the body's length declared. */
    Response put(String path, String token, String contentType, byte[] body) {
        return api.exchange("PUT", "/api/v0" + path, token, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** {@code PUT /api/v0 + path} with the body chunked, its length unknown to the server. */
    Response putChunked(String path, String token, String contentType, byte[] body) {
        return api.exchange("PUT", "/api/v0" + path, token, contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    Response put(String path, String token, String text) {
        return put(path, token, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A tar archive built entry by entry. */
    static final class Tar {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        Tar dir(String name) {
            TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
            entry.setMode(040755);
            return add(entry, new byte[0]);
        }

        Tar file(String name, String content) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setMode(0100600);
            entry.setSize(data.length);
            return add(entry, data);
        }

        Tar file(String name, byte[] data) {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(data.length);
            return add(entry, data);
        }

        Tar symlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            entry.setLinkName(target);
            return add(entry, new byte[0]);
        }

        Tar hardLink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            entry.setLinkName(target);
            return add(entry, new byte[0]);
        }

        Tar fifo(String name) {
            return add(new TarArchiveEntry(name, TarConstants.LF_FIFO, true), new byte[0]);
        }

        private Tar add(TarArchiveEntry entry, byte[] data) {
            try {
                out.putArchiveEntry(entry);
                out.write(data);
                out.closeArchiveEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] bytes() {
            try {
                out.finish();
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }
}
