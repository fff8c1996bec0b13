package dev.raworc.command.files;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import dev.raworc.api.files.FileEntry;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.FilePaths;
import dev.raworc.platform.content.StoredBlob;
import dev.raworc.platform.content.TooLargeException;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * Unpacks a tar archive as it arrives: each file goes to the content store on its own, so the
 * archive is never held whole. Only directories, regular files and symlinks that stay inside
 * {@code /session} are taken; hard links, devices and fifos are refused.
 */
final class TarUpload {

    private final Blobs blobs;
    private final String under;
    private long left;

    TarUpload(Blobs blobs, String under, long limit) {
        this.blobs = blobs;
        this.under = under;
        this.left = limit;
    }

    /** The archive's entries under {@code under}, their contents stored. */
    List<FileEntry> unpack(InputStream body) throws IOException {
        List<FileEntry> entries = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(body);
        for (TarArchiveEntry entry = next(tar); entry != null; entry = next(tar)) {
            String path = path(entry);
            Instant modified = entry.getModTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
            int mode = entry.getMode() & 07777;
            if (entry.isDirectory()) {
                if (!path.isEmpty()) {
                    entries.add(FileEntry.directory(path, mode, modified));
                }
            } else if (entry.isSymbolicLink()) {
                if (FilePaths.resolveLink(path, entry.getLinkName()).isEmpty()) {
                    throw refused("Symlink '" + entry.getName() + "' leads outside /session (to '" + entry.getLinkName() + "')");
                }
                entries.add(FileEntry.symlink(path, entry.getLinkName(), modified));
            } else if (entry.isLink()) {
                throw refused("Entry '" + entry.getName() + "' is a hard link; only files, directories and symlinks are taken");
            } else if (entry.isFile() && !entry.isCharacterDevice() && !entry.isBlockDevice() && !entry.isFIFO()
                    && !path.isEmpty()) {
                StoredBlob blob = blobs.store(tar, left);
                left -= blob.size();
                entries.add(FileEntry.file(path, blob.size(), mode, modified, blob.hash()));
            } else {
                throw refused("Entry '" + entry.getName() + "' is not a file, directory or symlink");
            }
        }
        return entries;
    }

    private String path(TarArchiveEntry entry) {
        try {
            String name = FilePaths.normalize(entry.getName());
            return name.isEmpty() ? under : FilePaths.join(under, name);
        } catch (FilePaths.InvalidPathException e) {
            throw refused("Tar entry: " + e.getMessage());
        }
    }

    /** The next entry; a body that is no tar archive is a bad request, one too large stays so. */
    private static TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (TooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw refused("The body is not a valid tar archive: " + e.getMessage());
        }
    }

    private static ApiException refused(String problem) {
        return new ApiException(ErrorCode.BAD_REQUEST, problem);
    }
}
