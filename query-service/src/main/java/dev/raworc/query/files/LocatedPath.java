package dev.raworc.query.files;

import java.util.List;

import dev.raworc.api.DomainException;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FileType;
import dev.raworc.platform.content.FilePaths;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * A path a client asked for ({@code path}, normalized), found in a session's files through the
 * symlinks along it ({@code resolved}); {@code entry} is null for the root, {@code /session} itself.
 */
record LocatedPath(String path, String resolved, FileEntry entry) {

    /**
     * @throws ApiException (bad request) for an absolute path, a {@code ..}, a symlink leading outside
     * @throws DomainException (not found) when nothing is there
     */
    static LocatedPath in(Manifest files, String raw) {
        String path;
        String resolved;
        try {
            path = FilePaths.normalize(raw);
            resolved = files.resolve(path);
        } catch (FilePaths.InvalidPathException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        if (resolved.isEmpty()) {
            return new LocatedPath(path, resolved, null);
        }
        FileEntry entry = files.get(resolved).orElseThrow(() -> DomainException.notFound(
                "The session has no file or directory '" + path + "'"));
        return new LocatedPath(path, resolved, entry);
    }

    boolean isDirectory() {
        return entry == null || entry.type() == FileType.DIRECTORY;
    }

    /** The directory's entries by name, shown under the path the client asked for. */
    List<FileView> children(Manifest files) {
        return files.children(resolved).stream()
                .map(child -> FileView.of(child, FilePaths.join(path, FilePaths.name(child.path()))))
                .toList();
    }

    /** The name a download of it is saved under; {@code session} for the root. */
    String downloadName() {
        return path.isEmpty() ? "session" : FilePaths.name(path);
    }
}
