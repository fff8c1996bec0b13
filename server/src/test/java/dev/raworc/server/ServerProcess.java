package dev.raworc.server;

import java.nio.file.Path;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts and stops whole servers, for tests of what happens across starts. */
final class ServerProcess {

    private ServerProcess() {
    }

    static Path newDataDirectory(String purpose) {
        return Path.of("target", "test-data", purpose + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        String[] args = new String[properties.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--raworc.data-dir=" + dataDir;
        System.arraycopy(properties, 0, args, 2, properties.length);
        return new SpringApplicationBuilder(RaworcApplication.class).run(args);
    }

    static ApiClient api(ConfigurableApplicationContext server) {
        return new ApiClient(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
    }
}
