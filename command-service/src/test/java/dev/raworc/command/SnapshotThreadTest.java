package dev.raworc.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SnapshotThreadTest {

    private final SnapshotThread snapshots = new SnapshotThread();

    @Test
    void takesSnapshotsOnItsOwnThreadWithoutHoldingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        try {
            snapshots.executor().execute(() -> {
                threads.add(Thread.currentThread().getName());
                await(release);
                ran.countDown();
            });
            assertThat(ran.getCount()).as("the caller went on while the snapshot waits").isEqualTo(1);
        } finally {
            release.countDown();
        }
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).containsExactly("aggregate-snapshots");
        snapshots.destroy();
    }

    @Test
    void theCallerTakesItsOwnSnapshotWhenTheQueueIsFullInsteadOfDroppingIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        try {
            snapshots.executor().execute(() -> await(release));
            for (int i = 0; i < 1_001; i++) {
                snapshots.executor().execute(() -> threads.add(Thread.currentThread().getName()));
            }
            assertThat(threads).as("the 1 001st found the queue full").containsExactly(Thread.currentThread().getName());
        } finally {
            release.countDown();
        }
        snapshots.destroy();
    }

    @Test
    void stoppingLeavesQueuedSnapshotsAndLetsTheRunningOneFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        snapshots.executor().execute(() -> {
            started.countDown();
            await(release);
            finished.add("running");
        });
        snapshots.executor().execute(() -> finished.add("queued"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(() -> {
            try {
                snapshots.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        Thread.sleep(100);
        release.countDown();
        stopping.join(5_000);

        assertThat(stopping.isAlive()).isFalse();
        assertThat(finished).containsExactly("running");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
