package dev.raworc.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.raworc.platform.axon.ProjectionCatchUp;

/** Starts and stops whole servers, for tests of what happens across starts. */
final class ServerProcess {

    private ServerProcess() {
    }

    static Path newDataDirectory(String purpose) {
        return Path.of("target", "test-data", purpose + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        String[] args = new String[properties.length + 3];
        args[0] = "--server.port=0";
        args[1] = "--management.server.port=0";
        args[2] = "--raworc.data-dir=" + dataDir;
        System.arraycopy(properties, 0, args, 3, properties.length);
        return new SpringApplicationBuilder(RaworcApplication.class).run(args);
    }

    static ApiClient api(ConfigurableApplicationContext server) {
        return new ApiClient(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
    }

    /** Waits for the server's projections to show every event stored so far. */
    static void awaitProjections(ConfigurableApplicationContext server) {
        if (!server.getBean(ProjectionCatchUp.class).await(Duration.ofSeconds(10))) {
            throw new AssertionError("projections did not catch up within 10 s");
        }
    }
}
