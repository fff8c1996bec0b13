package dev.raworc.runner.session;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.raworc.platform.stream.AgentOutputChannel;
import dev.raworc.platform.stream.AgentOutputChunk;
import dev.raworc.runner.docker.OutputListener;

/**
 * One task's output on its way to the live streams: decoded as UTF-8 across frame boundaries,
 * gathered for up to {@link LiveOutputs#COALESCE}, then published. Losing a chunk loses nothing
 * that matters (the reply has all of it), so failures are only logged.
 */
final class LiveOutput implements OutputListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveOutput.class);

    private final UUID sessionId;
    private final long taskSeq;
    private final AgentOutputChannel channel;
    private final ScheduledExecutorService flusher;
    private final long coalesceNanos;
    private final Stream stdout = new Stream("stdout");
    private final Stream stderr = new Stream("stderr");
    private long lastFlush;
    private boolean flushScheduled;

    LiveOutput(UUID sessionId, long taskSeq, AgentOutputChannel channel, ScheduledExecutorService flusher, Duration coalesce) {
        this.sessionId = sessionId;
        this.taskSeq = taskSeq;
        this.channel = channel;
        this.flusher = flusher;
        this.coalesceNanos = coalesce.toNanos();
        this.lastFlush = System.nanoTime() - coalesceNanos; // the first output goes out at once
    }

    @Override
    public synchronized void received(boolean isStderr, byte[] bytes) {
        (isStderr ? stderr : stdout).decode(bytes);
        long waited = System.nanoTime() - lastFlush;
        if (waited >= coalesceNanos) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            flusher.schedule(this::flush, coalesceNanos - waited, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public synchronized void close() {
        flush();
    }

    private synchronized void flush() {
        flushScheduled = false;
        lastFlush = System.nanoTime();
        stdout.publish();
        stderr.publish();
    }

    /** One output stream's text not sent yet, and the bytes of a character cut by a frame's end. */
    private final class Stream {

        private final String name;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final StringBuilder pending = new StringBuilder();
        private ByteBuffer leftover = ByteBuffer.allocate(0);

        Stream(String name) {
            this.name = name;
        }

        void decode(byte[] bytes) {
            ByteBuffer in = ByteBuffer.allocate(leftover.remaining() + bytes.length).put(leftover).put(bytes).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining());
            decoder.decode(in, out, false);
            pending.append(out.flip());
            leftover = in.slice();
        }

        void publish() {
            if (pending.isEmpty()) {
                return;
            }
            try {
                channel.publish(new AgentOutputChunk(sessionId, taskSeq, name, pending.toString()));
            } catch (RuntimeException e) {
                log.debug("Output of task {} of session {} not relayed", taskSeq, sessionId, e);
            }
            pending.setLength(0);
        }
    }
}
