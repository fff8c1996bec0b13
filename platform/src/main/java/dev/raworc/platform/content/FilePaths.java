package dev.raworc.platform.content;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths of a session's files, relative to {@code /session}: {@code a/b.txt}, never starting with a
 * slash, without {@code .} or {@code ..} segments; the empty path is {@code /session} itself.
 */
public final class FilePaths {

    public static final String ROOT = "";
    public static final String MOUNT = "/session";
    /** Raworc's own directory under /session (the agent's environment file): never listed, read, written or checkpointed. */
    public static final String RESERVED = ".raworc";
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_SEGMENT = 255;

    private FilePaths() {
    }

    /** A path that is not a session's relative path: absolute, leading upwards, or malformed. */
    public static final class InvalidPathException extends IllegalArgumentException {
        InvalidPathException(String message) {
            super(message);
        }
    }

    /**
     * The path as stored: {@code ./a//b/} becomes {@code a/b}.
     *
     * @throws InvalidPathException for an absolute path, a {@code ..} segment, a NUL, or an overlong one
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return ROOT;
        }
        if (raw.startsWith("/")) {
            throw new InvalidPathException("Path '" + raw + "' is absolute; paths are relative to /session");
        }
        if (raw.indexOf('\0') >= 0 || raw.length() > MAX_LENGTH) {
            throw new InvalidPathException("Path is not a valid file path (NUL character, or longer than "
                    + MAX_LENGTH + " characters)");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : raw.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidPathException("Path '" + raw + "' leads outside /session ('..' is not allowed)");
            }
            if (segment.length() > MAX_SEGMENT) {
                throw new InvalidPathException("Path '" + raw + "' has a name longer than " + MAX_SEGMENT + " characters");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (!segments.isEmpty() && segments.get(0).equals(RESERVED)) {
            throw new InvalidPathException("Path '" + raw + "' is in " + RESERVED + "/, which is Raworc's own");
        }
        return String.join("/", segments);
    }

    /** Whether a relative path is Raworc's own directory or under it. */
    public static boolean isReserved(String path) {
        return path.equals(RESERVED) || path.startsWith(RESERVED + "/");
    }

    /**
     * Where a symlink at {@code link} leads, as a relative path; empty when it leads outside
     * {@code /session} (an absolute target elsewhere, or too many {@code ..}).
     */
    public static java.util.Optional<String> resolveLink(String link, String target) {
        String base;
        String rest;
        if (target.startsWith("/")) {
            if (!(target + "/").startsWith(MOUNT + "/")) {
                return java.util.Optional.empty();
            }
            base = "";
            rest = target.substring(MOUNT.length());
        } else {
            base = parent(link);
            rest = target;
        }
        List<String> segments = new ArrayList<>(base.isEmpty() ? List.of() : List.of(base.split("/")));
        for (String segment : rest.split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return java.util.Optional.empty();
                }
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return java.util.Optional.of(String.join("/", segments));
    }

    /** The directory a path is in; the root for a top-level name. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? ROOT : path.substring(0, slash);
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether {@code path} is {@code dir} itself or lies below it. */
    public static boolean isWithin(String path, String dir) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
    }

    public static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
