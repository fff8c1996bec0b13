package dev.raworc.query.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.raworc.api.files.FileEntry;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.Manifest;

/**
 * Writes a session's files into a response as they are read from the content store, one chunk at
 * a time: a file's bytes, or a directory as a tar. Neither is ever held in memory whole.
 */
@Component
class FileDownloads {

    static final String TAR = "application/x-tar";

    private final Blobs blobs;

    FileDownloads(Blobs blobs) {
        this.blobs = blobs;
    }

    /** The file's bytes, tagged with its hash; 304 when the client holds them already. */
    void file(LocatedPath file, String ifNoneMatch, HttpServletResponse response) throws IOException {
        FileEntry entry = file.entry();
        String etag = "\"" + entry.hash() + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        try (InputStream content = blobs.open(entry.hash())) {
            response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
            response.setContentLengthLong(entry.size());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(file.downloadName()));
            content.transferTo(response.getOutputStream());
        }
    }

    /** The directory's subtree as a tar, its names relative to the directory; symlinks stay symlinks. */
    void tar(Manifest files, LocatedPath dir, HttpServletResponse response) throws IOException {
        response.setContentType(TAR);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(dir.downloadName() + ".tar"));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(response.getOutputStream(), StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (FileEntry entry : files.within(dir.resolved())) {
            if (!entry.path().equals(dir.resolved())) {
                write(tar, entry, dir.resolved().isEmpty() ? entry.path() : entry.path().substring(dir.resolved().length() + 1));
            }
        }
        tar.finish();
    }

    private void write(TarArchiveOutputStream tar, FileEntry entry, String name) throws IOException {
        TarArchiveEntry item = switch (entry.type()) {
            case DIRECTORY -> new TarArchiveEntry(name + "/");
            case SYMLINK -> new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            case FILE -> new TarArchiveEntry(name);
        };
        item.setMode(entry.mode() & 07777);
        item.setModTime(FileTime.from(entry.modifiedAt() == null ? Instant.EPOCH : entry.modifiedAt()));
        // not the server's own account, which the archive would name otherwise
        item.setUserName("");
        item.setGroupName("");
        if (entry.target() != null) {
            item.setLinkName(entry.target());
        }
        if (entry.hash() != null) {
            item.setSize(entry.size());
        }
        tar.putArchiveEntry(item);
        if (entry.hash() != null) {
            try (InputStream content = blobs.open(entry.hash())) {
                content.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    private static String attachment(String name) {
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
    }
}
