package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A server stopped as an operator stops it (SIGTERM to its own JVM) lets its processors finish and
 * release their token claims before its embedded PostgreSQL goes, so nothing fails on the way out
 * and a prompt restart need not wait for stale claims to time out.
 */
class GracefulStopTest {

    private final Path dataDir = ServerProcess.newDataDirectory("graceful-stop");

    @Test
    void sigtermStopsProcessorsBeforeTheEmbeddedDatabase() throws Exception {
        Path log = ChildServers.log("graceful-stop");
        Process server = ChildServers.start(log, List.of(), "--server.port=0", "--raworc.data-dir=" + dataDir,
                "--raworc.sides=command,query", "--raworc.admin-password=graceful-stop-password");
        try {
            server.destroy();
            assertThat(server.waitFor(1, TimeUnit.MINUTES)).as("stopped within a minute").isTrue();
        } finally {
            server.destroyForcibly();
        }

        String output = Files.readString(log);
        assertThat(output).contains("Shutdown state set for Processor 'catalog'")
                .doesNotContain("Error occurred", "Release claim failed", "Failed to validate connection", "Timed out during shutdown");
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped with the server").doesNotExist();
        assertThat(claimedTokens()).as("processors that still hold a claim").isEmpty();
    }

    private List<String> claimedTokens() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start()) {
            return JdbcClient.create(postgres.getPostgresDatabase())
                    .sql("SELECT processor_name FROM token_entry WHERE owner IS NOT NULL").query(String.class).list();
        }
    }
}
