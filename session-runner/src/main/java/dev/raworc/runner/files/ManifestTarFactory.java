package dev.raworc.runner.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Date;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.springframework.stereotype.Component;

import dev.raworc.api.files.FileEntry;
import dev.raworc.platform.content.Blobs;

/**
 * A tar of files from the content store, to unpack into {@code /session}: an upload, or the
 * files of a checkpoint a remix starts from. Spooled to a temporary file, which goes when the
 * stream is closed, so no archive is held in memory.
 */
@Component
public class ManifestTarFactory {

    private final Blobs blobs;

    ManifestTarFactory(Blobs blobs) {
        this.blobs = blobs;
    }

    /** The entries, parents before children (as a manifest lists them). */
    public InputStream of(Collection<FileEntry> entries) throws IOException {
        Path spool = Files.createTempFile("raworc-files-", ".tar");
        try (OutputStream file = Files.newOutputStream(spool);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (FileEntry entry : entries) {
                tar.putArchiveEntry(header(entry));
                if (entry.hash() != null) {
                    try (InputStream content = blobs.open(entry.hash())) {
                        content.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        return new FilterInputStream(Files.newInputStream(spool)) {
            @Override
            public void close() throws IOException {
                super.close();
                Files.deleteIfExists(spool);
            }
        };
    }

    private static TarArchiveEntry header(FileEntry entry) {
        TarArchiveEntry header = switch (entry.type()) {
            case DIRECTORY -> new TarArchiveEntry(entry.path() + "/");
            case SYMLINK -> {
                TarArchiveEntry link = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
                link.setLinkName(entry.target());
                yield link;
            }
            case FILE -> {
                TarArchiveEntry file = new TarArchiveEntry(entry.path());
                file.setSize(entry.size());
                yield file;
            }
        };
        header.setMode(header.getMode() & ~07777 | entry.mode());
        if (entry.modifiedAt() != null) {
            header.setModTime(Date.from(entry.modifiedAt()));
        }
        return header;
    }
}
