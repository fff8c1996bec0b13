package dev.raworc.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;

import dev.raworc.api.files.DeleteFileCommand;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.RecordCheckpointCommand;
import dev.raworc.api.files.WriteFilesCommand;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.content.Manifests;

/**
 * Files of sessions for the query side's tests, made as the runner and the upload endpoint make
 * them: contents and manifests in the content store, then the session's commands. Also reads
 * binary answers, which {@link ApiClient} does not.
 */
final class SessionFilesFixture {

    static final Instant MODIFIED = Instant.parse("2026-11-28T11:00:00.250Z");

    /** A binary answer. */
    record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final Blobs blobs;
    private final Manifests manifests;
    private final CommandGateway commands;
    private final HttpClient http = HttpClient.newHttpClient();

    SessionFilesFixture(Blobs blobs, Manifests manifests, CommandGateway commands) {
        this.blobs = blobs;
        this.manifests = manifests;
        this.commands = commands;
    }

    FileEntry file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    /** A file whose content is in the store. */
    FileEntry file(String path, byte[] content, int mode) {
        try {
            String hash = blobs.store(new ByteArrayInputStream(content), Long.MAX_VALUE).hash();
            return FileEntry.file(path, content.length, mode, MODIFIED, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileEntry directory(String path) {
        return FileEntry.directory(path, 0755, MODIFIED);
    }

    static FileEntry symlink(String path, String target) {
        return FileEntry.symlink(path, target, MODIFIED);
    }

    /** Records a checkpoint of exactly these files, holding the writes up to {@code writesApplied}. */
    long checkpoint(String session, long writesApplied, FileEntry... files) {
        Manifest manifest = Manifest.EMPTY.with(List.of(files));
        String hash = manifests.store(manifest);
        return commands.sendAndWait(new RecordCheckpointCommand(UUID.fromString(session), hash, manifest.size(), 0,
                writesApplied));
    }

    long checkpoint(String session, FileEntry... files) {
        return checkpoint(session, 0, files);
    }

    void write(String session, FileEntry... files) {
        commands.sendAndWait(new WriteFilesCommand(UUID.fromString(session), List.of(files)));
    }

    void delete(String session, String path) {
        commands.sendAndWait(new DeleteFileCommand(UUID.fromString(session), path));
    }

    /** A GET of {@code /api/v0} + path, its body as bytes. */
    Download download(int port, String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + IdentityApi.BASE + path))
                .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
