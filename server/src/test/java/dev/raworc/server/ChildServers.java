package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Servers in JVMs of their own, started as an operator starts them, for what one JVM cannot show. */
final class ChildServers {

    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private ChildServers() {
    }

    /** Starts the server with the JVM options and arguments, its output going to the log, and waits until it serves. */
    static Process start(Path log, List<String> jvmOptions, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RaworcApplication.class.getName()));
        command.addAll(List.of(arguments));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!Files.readString(log).contains("Started RaworcApplication")) {
            assertThat(server.isAlive()).as("server running; see " + log).isTrue();
            assertThat(System.nanoTime()).as("started within " + START_LIMIT + "; see " + log).isLessThan(deadline);
            Thread.sleep(100);
        }
        return server;
    }

    static Path log(String purpose) throws IOException {
        return Files.createTempFile("raworc-" + purpose + "-", ".log");
    }
}
