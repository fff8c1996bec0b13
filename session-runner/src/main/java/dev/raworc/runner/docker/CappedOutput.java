package dev.raworc.runner.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of an agent's output stream, up to a cap: an agent may print without end (until
 * its timeout), and all of it in the server's memory would run the heap out.
 */
final class CappedOutput {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private boolean cut;

    CappedOutput(int cap) {
        this.cap = cap;
    }

    synchronized void write(byte[] bytes) {
        int room = cap - kept.size();
        if (bytes.length > room) {
            cut = true;
        }
        kept.write(bytes, 0, Math.min(room, bytes.length));
    }

    synchronized byte[] bytes() {
        return kept.toByteArray();
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    /** @return whether bytes beyond the cap were dropped */
    synchronized boolean cut() {
        return cut;
    }
}
