package dev.raworc.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL comes up on its data directory whatever the last server left behind. */
class EmbeddedDatabaseTest {

    @TempDir
    Path temp;

    @Test
    void stopsAPostgresThatAKilledServerLeftRunning() throws Exception {
        DataDirectory data = new DataDirectory(temp.resolve("data"));
        Process server = startAndKill(data.directory("postgres"));
        ProcessHandle leftRunning = postmaster(data).orElseThrow();
        assertThat(leftRunning.isAlive()).as("PostgreSQL outlived its killed server").isTrue();

        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(answersQueries(database)).isTrue();
            assertThat(leftRunning.isAlive()).isFalse();
        } finally {
            leftRunning.destroyForcibly();
            server.destroyForcibly();
        }
        assertThat(Files.readString(data.root().resolve("postgres.log"))).as("PostgreSQL's own log")
                .contains("database system is ready to accept connections", "database system is shut down");
    }

    @Test
    void removesAPidFileThatNamesAnotherProgram() throws Exception {
        DataDirectory data = new DataDirectory(temp.resolve("data"));
        EmbeddedDatabase.start(data).close();
        // after a power cut the process id may belong to another program by the next start
        Files.writeString(data.root().resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n"
                + data.root().resolve("postgres") + "\n");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(answersQueries(database)).isTrue();
        }
    }

    @Test
    void refusesADataDirectoryThatAnotherServerRuns() throws Exception {
        DataDirectory data = new DataDirectory(temp.resolve("data"));
        try (EmbeddedDatabase running = EmbeddedDatabase.start(data)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(data)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Another Raworc server is running on the data directory " + data.root());
            assertThat(answersQueries(running)).as("the running server's PostgreSQL untouched").isTrue();
        }
    }

    private static Process startAndKill(Path postgresData) throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PostgresLeftRunning.class.getName(), postgresData.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null && !line.equals("started"); line = output.readLine()) {
                assertThat(server.isAlive()).as("the child starts PostgreSQL").isTrue();
            }
        }
        server.destroyForcibly().waitFor();
        return server;
    }

    private static Optional<ProcessHandle> postmaster(DataDirectory data) throws Exception {
        List<String> pidFile = Files.readAllLines(data.root().resolve("postgres/postmaster.pid"));
        return ProcessHandle.of(Long.parseLong(pidFile.get(0)));
    }

    private static boolean answersQueries(EmbeddedDatabase database) {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(database.jdbcUrl());
            dataSource.setUsername("postgres");
            return JdbcClient.create(dataSource).sql("SELECT 1").query(Integer.class).single() == 1;
        }
    }
}
