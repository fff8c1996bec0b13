package dev.raworc.query.webhook;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.raworc.platform.webhook.TestWebhookTargets;
import dev.raworc.platform.webhook.WebhookProperties;

/**
 * A sender that sends nothing: it remembers each attempt and answers as scripted, 204 once the
 * script has run out. It can hold the next attempt until released, to keep a delivery in flight.
 */
final class ScriptedSender extends WebhookSender {

    record Sent(String url, String secret, String messageId, String body) {
    }

    private final Queue<Outcome> script = new ConcurrentLinkedQueue<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean holdNext = new AtomicBoolean();
    private volatile CountDownLatch held;
    private volatile CountDownLatch release;

    ScriptedSender(WebhookProperties properties) {
        super(TestWebhookTargets.of(properties), properties);
    }

    /** The next attempts answer with these status codes, in order. */
    void answer(int... statusCodes) {
        for (int status : statusCodes) {
            script.add(new Outcome(status, 1, status / 100 == 2 ? null : "HTTP " + status));
        }
    }

    /** The next attempt waits in {@link #send} until {@link #release()}. */
    void holdNext() {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdNext.set(true);
    }

    void awaitHeld() throws InterruptedException {
        if (!held.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no attempt was made to hold");
        }
    }

    void release() {
        release.countDown();
    }

    /** The message ids of the attempts so far, in the order they were made. */
    List<String> messageIds() {
        return sent.stream().map(Sent::messageId).toList();
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    Outcome send(String url, String secret, String messageId, String body) throws InterruptedException {
        sent.add(new Sent(url, secret, messageId, body));
        if (holdNext.compareAndSet(true, false)) {
            held.countDown();
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the held attempt was never released");
            }
        }
        Outcome next = script.poll();
        return next == null ? new Outcome(204, 1, null) : next;
    }
}
