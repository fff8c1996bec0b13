package dev.raworc.runner.docker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.raworc.platform.content.FilePaths;

/**
 * A scan of {@code /session} as the container prints it: the listing (type, mode, size, mtime,
 * ctime, inode and name of every path, one per line), then a tar of the files changed since the
 * previous scan's marker, cut at {@link #MAX_CHANGED} bytes; Raworc's own directory left out. The tar is empty when unknown (the
 * first scan, a restarted container); {@code cut} when it was cut short.
 */
public record FileScan(String listing, InputStream changed, long changedLength, boolean cut) {

    /** The changed files a scan brings along at most; more are read on their own. */
    static final int MAX_CHANGED = 8 << 20;
    static final int MAX_LISTING = 32 << 20;

    /**
     * The shell function {@code raworc_scan}: prints the listing's length, the listing, then the
     * tar. Nothing at all when the listing cannot be made (tools missing, say): the caller then
     * reads the directory instead. A missing {@code tar} or {@code head} only loses the tar. The
     * marker of the scan before alternates between two files, named in a third, so that a scan costs
     * no process beyond those it needs to list and pack (each a few milliseconds on a small VM).
     */
    static final String FUNCTION = """
            raworc_scan() {
                m=/tmp/.raworc-checkpoint
                p=; { read -r p < $m.last; } 2>/dev/null
                case "$p" in $m.a) n=$m.b ;; *) n=$m.a ;; esac
                echo > $n && find /session -mindepth 1 -path /session/RESERVED -prune -o -exec stat -c '%F|%a|%s|%y|%z|%i|%n' {} + > $m.list || return 3
                stat -c %s $m.list && cat $m.list || return 3
                if [ -n "$p" ] && [ -f "$p" ]; then
                    cd / && find session -path session/RESERVED -prune -o -type f -newer "$p" -exec tar -c -f - {} + 2>/dev/null | head -c MAX
                fi
                echo $n > $m.last
            }
            """.replace("MAX", Integer.toString(MAX_CHANGED + 1)).replace("RESERVED", FilePaths.RESERVED);

    /** The shell command that marks the end of the agent's part of an output stream: the boundary, then {@code STATUS} and a line break. */
    static String endOfAgent(String token, String status, String stream) {
        return "printf '\\000%s %s\\n' " + token + " " + status + stream;
    }

    /** What {@link #endOfAgent} prints before the status: a NUL byte, so that no output is held back waiting for it. */
    static byte[] boundary(String token) {
        return ("\0" + token + " ").getBytes(StandardCharsets.US_ASCII);
    }

    /** The scan from what followed the boundary; empty when it is not a whole scan. */
    static Optional<FileScan> parse(byte[] bytes) {
        int newline = indexOf(bytes, (byte) '\n');
        try {
            int length = newline < 0 ? -1 : Integer.parseInt(new String(bytes, 0, newline, StandardCharsets.US_ASCII).trim());
            int tarStart = newline + 1 + length;
            if (length < 0 || tarStart > bytes.length) {
                return Optional.empty();
            }
            int tarLength = bytes.length - tarStart;
            return Optional.of(new FileScan(new String(bytes, newline + 1, length, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(bytes, tarStart, tarLength), tarLength, tarLength > MAX_CHANGED));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
