package dev.raworc.platform.content;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FileType;

/**
 * The files of a session at one moment: every path under {@code /session} with its metadata and,
 * for a file, the hash of its content. Immutable; a change makes a new manifest. Each item may
 * carry a {@code stamp}, the runner's note of what the path looked like on disk (size, times,
 * inode), so the next checkpoint reads only what changed.
 */
public final class Manifest {

    public record Item(FileEntry entry, String stamp) {
        public String path() {
            return entry.path();
        }
    }

    public static final Manifest EMPTY = new Manifest(new TreeMap<>());
    private static final int MAX_LINKS_FOLLOWED = 40;

    private final SortedMap<String, Item> items;

    private Manifest(SortedMap<String, Item> items) {
        this.items = Collections.unmodifiableSortedMap(items);
    }

    public static Manifest of(Collection<Item> items) {
        TreeMap<String, Item> byPath = new TreeMap<>();
        items.forEach(item -> byPath.put(item.path(), item));
        return new Manifest(byPath);
    }

    public Collection<Item> items() {
        return items.values();
    }

    public int size() {
        return items.size();
    }

    public Optional<FileEntry> get(String path) {
        return Optional.ofNullable(items.get(path)).map(Item::entry);
    }

    public Optional<String> stamp(String path) {
        return Optional.ofNullable(items.get(path)).map(Item::stamp);
    }

    /** The entries directly in {@code dir}, by name. */
    public List<FileEntry> children(String dir) {
        List<FileEntry> children = new ArrayList<>();
        below(dir).values().forEach(item -> {
            if (FilePaths.parent(item.path()).equals(dir)) {
                children.add(item.entry());
            }
        });
        return children;
    }

    /** {@code dir} itself (unless it is the root) and everything below it, parents before children. */
    public List<FileEntry> within(String dir) {
        List<FileEntry> entries = new ArrayList<>();
        get(dir).ifPresent(entries::add);
        below(dir).values().forEach(item -> entries.add(item.entry()));
        return entries;
    }

    private SortedMap<String, Item> below(String dir) {
        // '0' is the character after '/': the range holds exactly the paths under dir
        return dir.isEmpty() ? items : items.subMap(dir + "/", dir + "0");
    }

    /** The distinct contents the files refer to. */
    public Set<String> hashes() {
        Set<String> hashes = new LinkedHashSet<>();
        items.values().forEach(item -> {
            if (item.entry().hash() != null) {
                hashes.add(item.entry().hash());
            }
        });
        return hashes;
    }

    /** The manifest after writing these entries: a path written replaces what was there, with its subtree. */
    public Manifest with(Collection<FileEntry> entries) {
        TreeMap<String, Item> next = new TreeMap<>(items);
        for (FileEntry entry : entries) {
            Item before = next.get(entry.path());
            if (before != null && before.entry().type() != entry.type()) {
                next.subMap(entry.path() + "/", entry.path() + "0").clear();
            }
            addParents(next, entry.path(), entry.modifiedAt());
            next.put(entry.path(), new Item(entry, null));
        }
        return new Manifest(next);
    }

    /** The manifest without {@code path} and everything below it. */
    public Manifest without(String path) {
        if (path.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, Item> next = new TreeMap<>(items);
        next.remove(path);
        next.subMap(path + "/", path + "0").clear();
        return new Manifest(next);
    }

    private static void addParents(TreeMap<String, Item> items, String path, Instant at) {
        for (String dir = FilePaths.parent(path); !dir.isEmpty(); dir = FilePaths.parent(dir)) {
            Item existing = items.get(dir);
            if (existing != null && existing.entry().type() == FileType.DIRECTORY) {
                return;
            }
            items.put(dir, new Item(FileEntry.directory(dir, 0755, at), null));
        }
    }

    /**
     * The path with the symlinks along it followed, as long as they stay within {@code /session}.
     * The result need not exist (a file about to be written, say).
     *
     * @throws FilePaths.InvalidPathException when a symlink on the way leads outside
     */
    public String resolve(String path) {
        String resolved = FilePaths.ROOT;
        List<String> pending = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split("/")));
        int followed = 0;
        while (!pending.isEmpty()) {
            String next = FilePaths.join(resolved, pending.remove(0));
            Item item = items.get(next);
            if (item == null || item.entry().type() != FileType.SYMLINK) {
                resolved = next;
                continue;
            }
            if (++followed > MAX_LINKS_FOLLOWED) {
                throw new FilePaths.InvalidPathException("Path '" + path + "' has too many levels of symbolic links");
            }
            String target = FilePaths.resolveLink(next, item.entry().target()).orElseThrow(() ->
                    new FilePaths.InvalidPathException("Path '" + path + "' leads outside /session through the symlink '"
                            + next + "'"));
            List<String> rest = new ArrayList<>(target.isEmpty() ? List.of() : List.of(target.split("/")));
            rest.addAll(pending);
            pending = rest;
            resolved = FilePaths.ROOT;
        }
        return resolved;
    }
}
