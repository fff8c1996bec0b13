package dev.raworc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Runs an operation from N threads for a warm-up, then measures it for a fixed time. */
final class Load {

    /** One operation of one client; {@code client} is 0…N-1. */
    interface Operation {
        void run(int client, long iteration) throws Exception;
    }

    record Result(double perSecond, Latencies latencies, long errors) {
    }

    private Load() {
    }

    static Result run(int clients, Duration warmUp, Duration measure, Operation operation) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Latencies latencies = new Latencies();
        CountDownLatch finished = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long iteration = 0;
                while (!stop.get()) {
                    long started = System.nanoTime();
                    try {
                        operation.run(client, iteration++);
                        if (measuring.get()) {
                            latencies.add(System.nanoTime() - started);
                            done.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                finished.countDown();
            }, "bench-" + client);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(warmUp.toMillis());
        measuring.set(true);
        long started = System.nanoTime();
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        finished.await();
        return new Result(done.get() / seconds, latencies, errors.get());
    }
}
