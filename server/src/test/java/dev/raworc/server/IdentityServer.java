package dev.raworc.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.crypto.TestVault;

/**
 * A whole server of its own, on a fresh database in the shared test PostgreSQL, for tests whose
 * state must not mix with the shared server's: the only global admin is {@code admin}, and what
 * the test does cannot disturb the projections every other test class relies on. Starts in a
 * few seconds since PostgreSQL itself is already running. Closing it stops every process started
 * on it and drops its database.
 */
final class IdentityServer implements AutoCloseable {

    private final JdbcClient sharedJdbc;
    private final String database;
    private final String url;
    private final List<ConfigurableApplicationContext> processes = new ArrayList<>();
    private final ConfigurableApplicationContext primary;

    /**
     * @param shared     the shared test server's database, whose PostgreSQL hosts the new one
     * @param properties more settings of the first process ({@code --raworc.sides=…}, say)
     */
    static IdentityServer start(DataSource shared, String... properties) {
        try (Connection connection = shared.getConnection()) {
            return new IdentityServer(JdbcClient.create(shared), connection.getMetaData().getURL(), properties);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the shared database's URL", e);
        }
    }

    private IdentityServer(JdbcClient sharedJdbc, String sharedUrl, String... properties) {
        this.sharedJdbc = sharedJdbc;
        this.database = "identity_" + UUID.randomUUID().toString().replace("-", "");
        this.url = sharedUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        sharedJdbc.sql("CREATE DATABASE " + database).update();
        try {
            List<String> arguments = new ArrayList<>(List.of(properties));
            arguments.add("--raworc.admin-password=" + ApiTest.ADMIN_PASSWORD);
            this.primary = launch(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    ApiClient api() {
        return ServerProcess.api(primary);
    }

    /** Waits until the first process's read models show every event stored so far. */
    void awaitProjections() {
        ServerProcess.awaitProjections(primary);
    }

    /** Requests to this server as its {@code admin}. */
    IdentityApi asAdmin() {
        return new IdentityApi(api(), api().login("admin", ApiTest.ADMIN_PASSWORD));
    }

    /**
     * Starts a second, query-side process on the same database. Its projections subscribe
     * instead of tracking: in this JVM they would share the first process's token-claim owner
     * name and take over its segments, which a second process on another machine never does.
     */
    ApiClient startQueryProcess() {
        List<String> arguments = new ArrayList<>(List.of("--raworc.sides=query"));
        for (String processor : primary.getBean(EventProcessingConfiguration.class).eventProcessors().keySet()) {
            arguments.add("--axon.eventhandling.processors[" + processor + "].mode=subscribing");
        }
        return ServerProcess.api(launch(arguments.toArray(String[]::new)));
    }

    /**
     * Starts a second process with only the command side on the same database: it writes what the
     * first process's read models then show. (A second query side in this JVM would claim the
     * first one's processors under the same owner name.)
     */
    ApiClient startCommandProcess() {
        return ServerProcess.api(launch("--raworc.sides=command"));
    }

    /** Stops the process this client talks to (cleanly: its processors release their claims). */
    void stop(ApiClient process) {
        processes.removeIf(started -> {
            boolean match = ServerProcess.api(started).port() == process.port();
            if (match) {
                started.close();
            }
            return match;
        });
    }

    /** Starts another process on the same database (a runner with a name of its own, say); closed with the server. */
    ConfigurableApplicationContext startProcess(String... properties) {
        return launch(properties);
    }

    /** Stops a process started by {@link #startProcess}, as a crash or an operator would. */
    void stop(ConfigurableApplicationContext process) {
        process.close();
        processes.remove(process);
    }

    private ConfigurableApplicationContext launch(String... properties) {
        List<String> arguments = new ArrayList<>(List.of("--RAWORC_DATABASE_URL=" + url, "--RAWORC_DATABASE_USER=postgres",
                "--raworc.jwt-secret=" + ApiTest.JWT_SECRET, "--raworc.master-key=" + TestVault.MASTER_KEY));
        arguments.addAll(List.of(properties));
        ConfigurableApplicationContext process = ServerProcess.start(ServerProcess.newDataDirectory(database),
                arguments.toArray(String[]::new));
        processes.add(process);
        return process;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        sharedJdbc.sql("DROP DATABASE IF EXISTS " + database).update();
    }
}
