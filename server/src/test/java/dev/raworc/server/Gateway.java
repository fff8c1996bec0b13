package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The split deployment's gateway for tests: Debian's nginx with the routing rules that
 * docker-compose.yml's gateway includes ({@code deploy/gateway}), in front of processes on the
 * loopback instead of compose services.
 */
final class Gateway implements AutoCloseable {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path RULES = Path.of("..", "deploy", "gateway").toAbsolutePath().normalize();
    private static final Duration START_LIMIT = Duration.ofSeconds(10);

    private final Process nginx;
    private final int port;

    private Gateway(Process nginx, int port) {
        this.nginx = nginx;
        this.port = port;
    }

    /** Starts nginx on this port, routing writes to the command process and reads to the query processes. */
    static Gateway start(int port, int commandPort, List<Integer> queryPorts) throws Exception {
        assertThat(NGINX).as("nginx (apt-get install -y nginx-light)").isExecutable();
        Path prefix = Files.createTempDirectory("raworc-gateway-");
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("nginx.conf"), configuration(port, commandPort, queryPorts));
        Process nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", "nginx.conf",
                "-g", "daemon off; pid " + prefix.resolve("nginx.pid") + ";")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/nginx.out").toFile()).start();
        Gateway gateway = new Gateway(nginx, port);
        gateway.awaitListening(prefix);
        return gateway;
    }

    private static String configuration(int port, int commandPort, List<Integer> queryPorts) {
        return """
                worker_processes 1;
                error_log logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    upstream command { server 127.0.0.1:%d max_fails=1 fail_timeout=5s; keepalive 16; }
                    upstream query { %s keepalive 16; }
                    include %s;
                    server {
                        listen 127.0.0.1:%d;
                        include %s;
                    }
                }
                """.formatted(commandPort,
                queryPorts.stream().map(p -> "server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
                        .collect(Collectors.joining(" ")),
                RULES.resolve("sides.conf"), port, RULES.resolve("routes.conf"));
    }

    private void awaitListening(Path prefix) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            assertThat(nginx.isAlive()).as("nginx running; see " + prefix.resolve("logs")).isTrue();
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException notYet) {
                assertThat(System.nanoTime()).as("nginx listening within " + START_LIMIT).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    ApiClient api() {
        return new ApiClient(port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        nginx.destroy();
        try {
            nginx.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
