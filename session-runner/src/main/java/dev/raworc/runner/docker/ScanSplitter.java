package dev.raworc.runner.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Splits an output stream at the end of the agent's part, a boundary followed by the agent's exit
 * status on a line of its own, and on standard output a scan after that: the bytes before it go to
 * {@code before} as they come (held back only while they could be the boundary's start, which is a
 * NUL byte, so output is not delayed), the
 * bytes after it are kept, up to a cap, for {@link FileScan#parse}.
 */
final class ScanSplitter {

    private final byte[] boundary;
    private final Consumer<byte[]> before;
    private final CappedOutput after;
    private byte[] pending = new byte[0];
    private boolean found;

    ScanSplitter(byte[] boundary, Consumer<byte[]> before) {
        this.boundary = boundary;
        this.before = before;
        this.after = new CappedOutput(FileScan.MAX_LISTING + FileScan.MAX_CHANGED + 64);
    }

    synchronized void write(byte[] bytes) {
        if (found) {
            after.write(bytes);
            return;
        }
        byte[] joined = concat(pending, bytes);
        int at = indexOf(joined, boundary);
        if (at >= 0) {
            found = true;
            emit(Arrays.copyOfRange(joined, 0, at));
            after.write(Arrays.copyOfRange(joined, at + boundary.length, joined.length));
            pending = new byte[0];
            return;
        }
        int keep = partialBoundaryAtEnd(joined);
        emit(Arrays.copyOfRange(joined, 0, joined.length - keep));
        pending = Arrays.copyOfRange(joined, joined.length - keep, joined.length);
    }

    /** The stream ended: whatever was held back was output after all. */
    synchronized void end() {
        emit(pending);
        pending = new byte[0];
    }

    /** The exit status the boundary's line gave, once the line is whole. */
    synchronized OptionalInt status() {
        byte[] bytes = found ? after.bytes() : new byte[0];
        int newline = indexOf(bytes, new byte[] {'\n'});
        if (newline < 0) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(new String(bytes, 0, newline, StandardCharsets.US_ASCII).trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The scan that followed the boundary's line, if a whole one did. */
    synchronized Optional<FileScan> scan() {
        byte[] bytes = found && !after.cut() ? after.bytes() : new byte[0];
        int newline = indexOf(bytes, new byte[] {'\n'});
        return newline < 0 ? Optional.empty() : FileScan.parse(Arrays.copyOfRange(bytes, newline + 1, bytes.length));
    }

    private void emit(byte[] bytes) {
        if (bytes.length > 0) {
            before.accept(bytes);
        }
    }

    /** How many of the last bytes could be the start of the boundary, which the next bytes may complete. */
    private int partialBoundaryAtEnd(byte[] bytes) {
        for (int length = Math.min(bytes.length, boundary.length - 1); length > 0; length--) {
            if (Arrays.equals(bytes, bytes.length - length, bytes.length, boundary, 0, length)) {
                return length;
            }
        }
        return 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(a.length + b.length);
        joined.writeBytes(a);
        joined.writeBytes(b);
        return joined.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        outer:
        for (int i = 0; i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
