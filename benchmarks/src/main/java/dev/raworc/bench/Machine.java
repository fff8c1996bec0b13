package dev.raworc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the benchmarks ran on, for the table's heading, and how much CPU it has spent. */
final class Machine {

    /** The kernel's USER_HZ, which {@code /proc/stat} counts in: 100 on every Linux architecture in use. */
    private static final int CLOCK_TICKS = 100;

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

    /**
     * CPU time the whole machine has spent busy (user, nice, system, interrupts, steal) since it
     * started, in milliseconds, from {@code /proc/stat}: Docker's daemons and shims, PostgreSQL and
     * the containers count as well as the server.
     */
    static double busyCpuMillis() throws IOException {
        String[] total = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal; not idle, iowait
            busy += Long.parseLong(total[field]);
        }
        return busy * 1000.0 / CLOCK_TICKS;
    }
}
