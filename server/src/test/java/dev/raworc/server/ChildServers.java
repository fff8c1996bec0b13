package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Servers in JVMs of their own, started as an operator starts them, for what one JVM cannot show. */
final class ChildServers {

    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private ChildServers() {
    }

    /**
     * Starts the server with the JVM options and arguments, its output going to the log, and waits
     * until it serves. Without a management port among the arguments it serves none: several
     * children run at once, and the default port would be taken twice.
     */
    static Process start(Path log, List<String> jvmOptions, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RaworcApplication.class.getName()));
        command.addAll(List.of(arguments));
        if (command.stream().noneMatch(argument -> argument.startsWith("--management.server.port="))) {
            command.add("--management.server.port=-1");
        }
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long launched = System.nanoTime();
        long deadline = launched + START_LIMIT.toNanos();
        while (!Files.readString(log).contains("Started RaworcApplication")) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited with status " + server.exitValue() + " after "
                        + (System.nanoTime() - launched) / 1_000_000 + " ms, before it started; see " + log);
            }
            assertThat(System.nanoTime()).as("started within " + START_LIMIT + "; see " + log).isLessThan(deadline);
            Thread.sleep(100);
        }
        return server;
    }

    /** The port a server started with {@code --server.port=0} listens on, as its log says. */
    static int port(Path log) throws IOException {
        Matcher started = TOMCAT_PORT.matcher(Files.readString(log));
        assertThat(started.find()).as("the port in " + log).isTrue();
        return Integer.parseInt(started.group(1));
    }

    static Path log(String purpose) throws IOException {
        return Files.createTempFile("raworc-" + purpose + "-", ".log");
    }

    /** A port free at the moment, for a child whose port the test must know before it starts. */
    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
