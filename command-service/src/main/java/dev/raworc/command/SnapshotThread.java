package dev.raworc.command;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;

/**
 * The one thread that takes aggregate snapshots, after the command that triggered one has
 * answered. Axon's default takes the snapshot in the command's own thread, after its commit and
 * before its answer: reading the aggregate's events since the last snapshot and writing the new
 * one added tens of milliseconds to every hundredth post of a session, about the 99th percentile
 * of their latency. When snapshots queue up faster than they are taken, the command's thread
 * takes its own, as before (Axon marks a snapshot as in progress until its task runs, so a task
 * must never be dropped).
 */
final class SnapshotThread implements DisposableBean {

    private static final int QUEUED = 1_000;
    private static final long STOP_SECONDS = 10;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED), SnapshotThread::daemon, new ThreadPoolExecutor.CallerRunsPolicy());

    Executor executor() {
        return executor;
    }

    /** Snapshots still queued are left for later triggers; the one being taken finishes. */
    @Override
    public void destroy() throws InterruptedException {
        executor.getQueue().clear();
        executor.shutdown();
        executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "aggregate-snapshots");
        thread.setDaemon(true);
        return thread;
    }
}
