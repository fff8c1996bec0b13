package dev.raworc.runner.files;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.dockerjava.api.exception.NotFoundException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.stereotype.Component;

import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FileType;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.FilePaths;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.content.Manifests;
import dev.raworc.platform.content.StoredBlob;
import dev.raworc.runner.docker.ContainerFiles;
import dev.raworc.runner.docker.FileScan;

/**
 * Takes a checkpoint of a running session's {@code /session}: lists it, reuses what the previous
 * manifest says of every path whose stamp is unchanged, and reads only the rest — first from the
 * tar of recently changed files the listing's exec brings along (one Docker round trip for both),
 * then through Docker's archive API: one path at a time when few are left, the whole directory in
 * one archive otherwise.
 * Contents go to the content store by hash, so a file read again but unchanged adds nothing.
 */
@Component
public class Checkpointer {

    /** A checkpoint's files, stored, and the bytes the content store did not hold before. */
    public record Scanned(Manifest manifest, String manifestHash, long bytesAdded) {
    }

    /** Up to this many changed paths are read one by one; more, and one archive of all is cheaper. */
    static final int READ_ONE_BY_ONE = 64;

    private final ContainerFiles files;
    private final Blobs blobs;
    private final Manifests manifests;

    Checkpointer(ContainerFiles files, Blobs blobs, Manifests manifests) {
        this.files = files;
        this.blobs = blobs;
        this.manifests = manifests;
    }

    public Scanned scan(UUID sessionId, Manifest previous) throws InterruptedException, IOException {
        return scan(sessionId, previous, files.scan(sessionId));
    }

    /** The same from a scan already made (the one a task's run ends with), or, when there is none, by reading the directory. */
    public Scanned scan(UUID sessionId, Manifest previous, Optional<FileScan> scan) throws IOException {
        Optional<List<Listing.Listed>> listing = scan.map(FileScan::listing).flatMap(Listing::parse);
        List<Manifest.Item> items = new ArrayList<>();
        Map<String, Listing.Listed> changed = new HashMap<>();
        for (Listing.Listed listed : listing.orElse(List.of())) {
            if (FilePaths.isReserved(listed.path())) {
                continue;
            }
            Optional<FileEntry> before = previous.get(listed.path());
            if (before.isPresent() && before.get().type() == listed.type()
                    && listed.stamp().equals(previous.stamp(listed.path()).orElse(null))) {
                items.add(new Manifest.Item(before.get(), listed.stamp()));
            } else if (listed.type() == FileType.DIRECTORY) {
                items.add(new Manifest.Item(FileEntry.directory(listed.path(), listed.mode(), listed.modifiedAt()),
                        listed.stamp()));
            } else {
                changed.put(listed.path(), listed);
            }
        }
        long added = listing.isEmpty() ? 0 : readBroughtAlong(scan.get(), changed, items);
        if (listing.isEmpty() || changed.size() > READ_ONE_BY_ONE) {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(files.read(sessionId, ""))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    String path = relative(entry.getName());
                    if (!path.isEmpty() && !FilePaths.isReserved(path) && (listing.isEmpty() || changed.containsKey(path))) {
                        added += read(tar, entry, path, changed.get(path), items);
                    }
                }
            }
        } else {
            for (Listing.Listed listed : changed.values()) {
                added += readOne(sessionId, listed, items);
            }
        }
        Manifest manifest = Manifest.of(items);
        return new Scanned(manifest, manifests.store(manifest), added);
    }

    /**
     * Takes the changed files the scan brought along, up to where its tar was cut, out of
     * {@code changed}; what is left is read on its own.
     */
    private long readBroughtAlong(FileScan scan, Map<String, Listing.Listed> changed, List<Manifest.Item> items)
            throws IOException {
        long added = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(scan.changed())) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (scan.cut() && tar.getBytesRead() + entry.getSize() > scan.changedLength()) {
                    break; // cut inside this entry
                }
                String path = relative(entry.getName());
                Listing.Listed listed = changed.get(path);
                if (listed != null && entry.isFile()) {
                    added += read(tar, entry, path, listed, items);
                    changed.remove(path);
                }
            }
        } catch (IOException cutShort) {
            // the entries read so far stand; the rest of the changed files are read on their own
        }
        return added;
    }

    /** Stores a manifest the runner worked out without looking (the files of a session without a container). */
    public Scanned derived(Manifest manifest) {
        return new Scanned(manifest, manifests.store(manifest), 0);
    }

    private long readOne(UUID sessionId, Listing.Listed listed, List<Manifest.Item> items) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(files.read(sessionId, listed.path()))) {
            TarArchiveEntry entry = tar.getNextEntry();
            return entry == null ? 0 : read(tar, entry, listed.path(), listed, items);
        } catch (NotFoundException deletedMeanwhile) {
            return 0;
        }
    }

    /** Adds the entry as an item: what the listing said of it if it was listed, else what the archive says. */
    private long read(TarArchiveInputStream tar, TarArchiveEntry entry, String path, Listing.Listed listed,
                      List<Manifest.Item> items) throws IOException {
        int mode = listed != null ? listed.mode() : entry.getMode() & 07777;
        Instant modified = listed != null && listed.modifiedAt() != null ? listed.modifiedAt() : entry.getModTime().toInstant();
        String stamp = listed == null ? null : listed.stamp();
        if (entry.isSymbolicLink()) {
            items.add(new Manifest.Item(FileEntry.symlink(path, entry.getLinkName(), modified), stamp));
            return 0;
        }
        if (entry.isDirectory()) {
            items.add(new Manifest.Item(FileEntry.directory(path, mode, modified), stamp));
            return 0;
        }
        if (!entry.isFile()) {
            return 0;
        }
        StoredBlob blob = blobs.store(tar, Long.MAX_VALUE);
        items.add(new Manifest.Item(FileEntry.file(path, blob.size(), mode, modified, blob.hash()), stamp));
        return blob.bytesAdded();
    }

    /** {@code session/a/b} (an entry of the whole directory's archive) as {@code a/b}. */
    private static String relative(String name) {
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        int slash = path.indexOf('/');
        return slash < 0 ? "" : path.substring(slash + 1);
    }
}
