package dev.raworc.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL of a server's data directory, found as PostgreSQL itself records it: the
 * first line of {@code postmaster.pid}. Only a live process that runs {@code postgres} counts, so a
 * stale file whose number the system has given to another process is never taken for it.
 */
final class Postmaster {

    private Postmaster() {
    }

    static Optional<ProcessHandle> of(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(process -> process.info().command().orElse("").contains("postgres"));
    }

    /** The postmaster and every process it started (backends, checkpointer, WAL writer …). */
    static List<ProcessHandle> withChildren(ProcessHandle postmaster) {
        List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
        processes.add(postmaster);
        return processes;
    }

    /** SIGKILLs the data directory's PostgreSQL and its children, if it runs, so a test leaves none behind. */
    static void killIfAlive(Path dataDir) throws IOException {
        of(dataDir).map(Postmaster::withChildren).ifPresent(processes -> processes.forEach(ProcessHandle::destroyForcibly));
    }
}
