package dev.raworc.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.raworc.runner.docker.Containers;

/**
 * Containers and volumes of a test's sessions, seen through the Docker CLI by their session
 * label, for tests whose runners are processes of their own (or were killed).
 */
final class SessionContainers {

    private SessionContainers() {
    }

    /**
     * Waits for the runners to remove the sessions' containers and volumes after their deletion,
     * then removes what a runner that is gone left behind.
     */
    static void awaitRemoved(List<String> sessions, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!leftovers(sessions, "ps", "-aq").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        List<String> containers = leftovers(sessions, "ps", "-aq");
        if (!containers.isEmpty()) {
            docker(concat(List.of("rm", "-f"), containers));
        }
        List<String> volumes = leftovers(sessions, "volume", "ls", "-q");
        if (!volumes.isEmpty()) {
            docker(concat(List.of("volume", "rm", "-f"), volumes));
        }
    }

    private static List<String> leftovers(List<String> sessions, String... list) throws Exception {
        List<String> found = new ArrayList<>();
        for (String session : sessions) {
            found.addAll(docker(concat(List.of(list), List.of("--filter", "label=" + Containers.SESSION_LABEL + "=" + session))));
        }
        return found;
    }

    private static List<String> docker(List<String> arguments) throws IOException, InterruptedException {
        Process docker = new ProcessBuilder(concat(List.of("docker"), arguments)).redirectErrorStream(true).start();
        String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (docker.waitFor() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", arguments) + " failed: " + output);
        }
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
