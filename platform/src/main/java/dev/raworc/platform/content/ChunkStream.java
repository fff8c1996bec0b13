package dev.raworc.platform.content;

import java.io.InputStream;
import java.util.function.IntFunction;

/** A content read chunk after chunk, fetching the next only when the reader gets to it. */
final class ChunkStream extends InputStream {

    private final int chunks;
    private final IntFunction<byte[]> fetch;
    private int next;
    private byte[] current = new byte[0];
    private int position;

    ChunkStream(int chunks, IntFunction<byte[]> fetch) {
        this.chunks = chunks;
        this.fetch = fetch;
    }

    @Override
    public int read() {
        if (!ensureAvailable()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!ensureAvailable()) {
            return -1;
        }
        int read = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, read);
        position += read;
        return read;
    }

    private boolean ensureAvailable() {
        while (position == current.length) {
            if (next == chunks) {
                return false;
            }
            current = fetch.apply(next++);
            position = 0;
        }
        return true;
    }
}
