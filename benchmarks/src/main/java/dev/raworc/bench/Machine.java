package dev.raworc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the benchmarks ran on, for the table's heading. */
final class Machine {

    private Machine() {
    }

    static String describe() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB, Linux %s, Java %s",
                Runtime.getRuntime().availableProcessors(), cpu, memoryKb / 1024.0 / 1024.0, System.getProperty("os.version"),
                System.getProperty("java.version"));
    }
}
