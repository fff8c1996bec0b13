package dev.raworc.command.session;

import java.util.Optional;

import dev.raworc.api.DomainException;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FileType;
import dev.raworc.platform.content.FilePaths;
import dev.raworc.platform.content.Manifest;

/**
 * Where a client's write lands in a session's files, as a shell would see it: the directories on
 * the way are followed through their symlinks, which must stay inside {@code /session}; a file is
 * no directory to write into, and a file and a directory do not replace each other.
 */
final class FileWriteRules {

    private FileWriteRules() {
    }

    /** The entry as written: at its path with the symlinks of its parent followed. */
    static FileEntry place(Manifest files, FileEntry entry) {
        if (entry.path().isEmpty()) {
            throw DomainException.malformed("Only a directory can be written at the root of /session");
        }
        String path = placed(files, entry.path());
        for (String dir = FilePaths.parent(path); !dir.isEmpty(); dir = FilePaths.parent(dir)) {
            if (typeOf(files, dir).orElse(null) == FileType.FILE) {
                throw DomainException.conflict("Cannot write '" + entry.path() + "': '" + dir + "' is a file");
            }
        }
        FileType before = typeOf(files, path).orElse(null);
        if (before == FileType.DIRECTORY && entry.type() != FileType.DIRECTORY) {
            throw DomainException.conflict("Cannot write '" + entry.path() + "': it is a directory");
        }
        if (before == FileType.FILE && entry.type() == FileType.DIRECTORY) {
            throw DomainException.conflict("Cannot make '" + entry.path() + "' a directory: it is a file");
        }
        if (entry.type() == FileType.SYMLINK && FilePaths.resolveLink(path, entry.target()).isEmpty()) {
            throw DomainException.malformed("Symlink '" + entry.path() + "' leads outside /session (to '"
                    + entry.target() + "')");
        }
        return new FileEntry(path, entry.type(), entry.size(), entry.mode(), entry.modifiedAt(), entry.hash(),
                entry.target());
    }

    /** The path of something that exists, with the symlinks of its parent followed. */
    static String existing(Manifest files, String path) {
        if (path.isEmpty()) {
            throw DomainException.malformed("The root of /session cannot be deleted");
        }
        String placed = placed(files, path);
        if (files.get(placed).isEmpty()) {
            throw DomainException.notFound("No file or directory '" + path + "' in the session");
        }
        return placed;
    }

    private static String placed(Manifest files, String path) {
        try {
            return FilePaths.join(files.resolve(FilePaths.parent(path)), FilePaths.name(path));
        } catch (FilePaths.InvalidPathException e) {
            throw DomainException.malformed(e.getMessage());
        }
    }

    private static Optional<FileType> typeOf(Manifest files, String path) {
        return files.get(path).map(FileEntry::type);
    }
}
