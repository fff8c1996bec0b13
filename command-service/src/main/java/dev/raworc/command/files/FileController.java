package dev.raworc.command.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import dev.raworc.api.files.DeleteFileCommand;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.WriteFilesCommand;
import dev.raworc.command.CommandEndpoint;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.FilePaths;
import dev.raworc.platform.content.FilesProperties;
import dev.raworc.platform.content.StoredBlob;
import dev.raworc.platform.content.TooLargeException;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * The writes of {@code /sessions/{id}/files}: uploads and deletes, in any state of the session.
 * Contents go to the content store as they arrive; the session's history records the write.
 */
@CommandEndpoint
@RestController
class FileController {

    static final String TAR = "application/x-tar";
    private static final int FILE_MODE = 0644;

    private final Writes writes;
    private final SessionTargets sessions;
    private final Blobs blobs;
    private final FilesProperties properties;

    FileController(Writes writes, SessionTargets sessions, Blobs blobs, FilesProperties properties) {
        this.writes = writes;
        this.sessions = sessions;
        this.blobs = blobs;
        this.properties = properties;
    }

    @PutMapping("/sessions/{id}/files/{*path}")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.WRITE_FILES)
    @Operation(summary = "Upload a file: the body is its content (mode 0644); answers its entry")
    ResponseEntity<FileView> upload(@PathVariable String id, @PathVariable String path, HttpServletRequest request)
            throws IOException {
        UUID session = sessions.live(id).id();
        String file = normalize(path);
        if (file.isEmpty()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "A file needs a path below /session; only a tar archive "
                    + "(Content-Type " + TAR + ") unpacks at the root");
        }
        StoredBlob blob;
        try (InputStream body = request.getInputStream()) {
            blob = blobs.store(body, properties.maxUpload().toBytes());
        } catch (TooLargeException e) {
            throw tooLarge();
        }
        FileEntry entry = FileEntry.file(file, blob.size(), FILE_MODE, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                blob.hash());
        List<FileEntry> written = writes.send(new WriteFilesCommand(session, List.of(entry)));
        FileEntry stored = written.get(0);
        URI location = URI.create("/api/v0/sessions/" + session + "/files/"
                + UriUtils.encodePath(stored.path(), StandardCharsets.UTF_8));
        return ResponseEntity.created(location).body(FileView.of(stored));
    }

    @PutMapping(path = "/sessions/{id}/files/{*path}", consumes = TAR)
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.WRITE_FILES)
    @Operation(summary = "Upload a tar archive, unpacked under the path (the root included); answers the entries written")
    List<FileView> uploadTar(@PathVariable String id, @PathVariable String path, HttpServletRequest request)
            throws IOException {
        UUID session = sessions.live(id).id();
        String dir = normalize(path);
        List<FileEntry> entries;
        try (InputStream body = request.getInputStream()) {
            entries = new TarUpload(blobs, dir, properties.maxUpload().toBytes()).unpack(body);
        } catch (TooLargeException e) {
            throw tooLarge();
        }
        List<FileEntry> written = writes.send(new WriteFilesCommand(session, entries));
        return written.stream().map(FileView::of).toList();
    }

    @DeleteMapping("/sessions/{id}/files/{*path}")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.WRITE_FILES)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a file, or a directory with everything in it")
    void delete(@PathVariable String id, @PathVariable String path) {
        UUID session = sessions.live(id).id();
        writes.send(new DeleteFileCommand(session, normalize(path)));
    }

    /** The catch-all path variable starts with its slash: {@code /notes/a.md}. */
    private static String normalize(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        try {
            return FilePaths.normalize(relative);
        } catch (FilePaths.InvalidPathException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The upload is larger than the limit of "
                + properties.maxUpload().toBytes() + " bytes (raworc.files.max-upload)");
    }
}
