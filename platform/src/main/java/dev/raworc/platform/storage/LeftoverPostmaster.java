package dev.raworc.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL that a server killed without its shutdown (SIGKILL, the OOM killer, a crashed JVM)
 * left running on its data directory. Its {@code postmaster.pid} keeps every new PostgreSQL off
 * the directory, so the next start stops it first. Only called while holding the
 * {@link DataDirectoryLock}: no live server owns the directory then.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);

    private LeftoverPostmaster() {
    }

    /** Stops the PostgreSQL named by the directory's {@code postmaster.pid}, if one still runs there. */
    static void stop(Path postgresData, Duration patience) {
        Path pidFile = postgresData.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = pidIn(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return; // gone with the crash: PostgreSQL recovers from its write-ahead log at start
        }
        if (postmaster.get().info().command().isEmpty()) {
            log.warn("{} names process {}, which this server cannot inspect; PostgreSQL will not start while it runs",
                    pidFile, postmaster.get().pid());
            return;
        }
        if (!runsOn(postmaster.get(), postgresData)) {
            // the process id was reused by another program, which PostgreSQL would take for a live postmaster
            log.warn("{} names process {}, which is not a PostgreSQL on this directory; removing the stale file",
                    pidFile, postmaster.get().pid());
            delete(pidFile);
            return;
        }
        log.warn("PostgreSQL (process {}) is still running on {}, left by a server that did not shut down; stopping it",
                postmaster.get().pid(), postgresData);
        // SIGTERM: PostgreSQL's smart shutdown, which ends at once since its clients died with their server
        postmaster.get().destroy();
        if (!exited(postmaster.get(), patience)) {
            log.warn("PostgreSQL (process {}) did not stop within {}; killing it and its processes", postmaster.get().pid(), patience);
            postmaster.get().descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.get().destroyForcibly();
            if (!exited(postmaster.get(), patience)) {
                throw new IllegalStateException("Cannot stop the PostgreSQL (process " + postmaster.get().pid()
                        + ") left running on " + postgresData);
            }
        }
    }

    private static Optional<Long> pidIn(Path pidFile) {
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.isEmpty() || !lines.get(0).trim().matches("\\d+") ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
    }

    /** Whether the process is a PostgreSQL started on this data directory ({@code postgres -D <dir> …}). */
    private static boolean runsOn(ProcessHandle process, Path postgresData) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(command -> Path.of(command).getFileName().toString().equals("postgres")).orElse(false);
        List<String> arguments = info.arguments().map(List::of).orElse(List.of());
        int dataOption = arguments.indexOf("-D");
        return postgres && dataOption >= 0 && dataOption + 1 < arguments.size()
                && Path.of(arguments.get(dataOption + 1)).toAbsolutePath().normalize().equals(postgresData.toAbsolutePath().normalize());
    }

    private static boolean exited(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot wait for process " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + file, e);
        }
    }
}
