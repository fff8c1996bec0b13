package dev.raworc.query.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.raworc.platform.webhook.WebhookProperties;

/**
 * The threads that send due deliveries: each attempts one after another while there are any, then
 * sleeps until the outbox queues more in this process or the poll interval has passed (deliveries
 * queued by another process, or a retry falling due). Every query process runs them; the claims
 * keep them apart.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final Deliveries deliveries;
    private final WebhookProperties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private long wakeUps;

    DeliveryWorker(Deliveries deliveries, WebhookProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    void wake() {
        lock.lock();
        try {
            wakeUps++;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread thread = new Thread(this::run, "webhook-delivery-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run() {
        try {
            while (running) {
                long seen = wakeUps();
                if (!attempted()) {
                    awaitWork(seen);
                }
            }
        } catch (InterruptedException stopping) {
            // the process stops: a delivery under way was rolled back and stays due
        }
    }

    private boolean attempted() {
        try {
            return deliveries.attemptNext();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Webhook delivery could not be attempted; trying again after the poll interval: {}", e.toString());
            }
            return false;
        }
    }

    private long wakeUps() {
        lock.lock();
        try {
            return wakeUps;
        } finally {
            lock.unlock();
        }
    }

    private void awaitWork(long seen) throws InterruptedException {
        lock.lock();
        try {
            long left = properties.pollInterval().toNanos();
            while (running && wakeUps == seen && left > 0) {
                left = work.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
