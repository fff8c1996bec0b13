package dev.raworc.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.crypto.TestVault;
import dev.raworc.platform.testing.TestDatabase;

/**
 * The split deployment as an operator runs it, in OS processes on this machine: one command
 * process, query processes and named runners, each the server jar with one side, on one fresh
 * database in the test PostgreSQL, behind the gateway's real routing rules. Closing it stops the
 * gateway and every process, then drops the database.
 */
final class SplitDeployment implements AutoCloseable {

    static final String ADMIN_PASSWORD = "split-admin-password";
    static final String IMAGE = RunnerApiTest.IMAGE;

    /** One server process and what it serves. */
    record Side(String name, Process process, int port, Path log) {

        ApiClient api() {
            return new ApiClient(port);
        }

        /** As a crash or an OOM killer ends it: SIGKILL, no shutdown hook runs. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private final JdbcClient shared;
    private final String database;
    private final String url;
    private final List<String> settings;
    private final List<Side> sides = new ArrayList<>();
    private Gateway gateway;

    private SplitDeployment(DataSource postgres, List<String> settings) throws Exception {
        this.shared = JdbcClient.create(postgres);
        this.database = "split_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getConnection()) {
            this.url = connection.getMetaData().getURL().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        }
        this.settings = settings;
        shared.sql("CREATE DATABASE " + database).update();
    }

    /**
     * Starts the command process first (it creates the schema and the admin account), then the
     * query processes and the runners together, then the gateway in front of them.
     *
     * @param settings more arguments for every process
     */
    static SplitDeployment start(int queries, List<String> runners, String... settings) throws Exception {
        SplitDeployment deployment = new SplitDeployment(TestDatabase.dataSource(), List.of(settings));
        try {
            int gatewayPort = ChildServers.freePort();
            deployment.sides.add(deployment.launch("command", "command"));
            List<CompletableFuture<Side>> starting = new ArrayList<>();
            for (int i = 1; i <= queries; i++) {
                starting.add(deployment.launchAsync("query-" + i, "query"));
            }
            for (String runner : runners) {
                starting.add(deployment.launchAsync("runner-" + runner, "runner", "--raworc.runner.name=" + runner));
            }
            for (CompletableFuture<Side> side : starting) {
                deployment.sides.add(side.join());
            }
            deployment.gateway = Gateway.start(gatewayPort, deployment.side("command").port(),
                    deployment.sides.stream().filter(side -> side.name().startsWith("query-")).map(Side::port).toList());
            return deployment;
        } catch (Exception | Error e) {
            deployment.close();
            throw e;
        }
    }

    /** Requests through the gateway, as a client sends them. */
    ApiClient api() {
        return gateway.api();
    }

    Side side(String name) {
        return sides.stream().filter(side -> side.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + name));
    }

    List<Side> queries() {
        return sides.stream().filter(side -> side.name().startsWith("query-")).toList();
    }

    private CompletableFuture<Side> launchAsync(String name, String side, String... more) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return launch(name, side, more);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start " + name, e);
            }
        });
    }

    private Side launch(String name, String side, String... more) throws Exception {
        Path log = ChildServers.log("split-" + name);
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--raworc.sides=" + side,
                "--raworc.data-dir=" + ServerProcess.newDataDirectory("split-" + name),
                "--RAWORC_DATABASE_URL=" + url, "--RAWORC_DATABASE_USER=postgres",
                "--raworc.jwt-secret=" + ApiTest.JWT_SECRET, "--raworc.master-key=" + TestVault.MASTER_KEY,
                "--raworc.admin-password=" + ADMIN_PASSWORD, "--raworc.default-image=" + IMAGE, "--raworc.runner.warm-pool=0"));
        arguments.addAll(List.of(more));
        arguments.addAll(settings);
        Process process = ChildServers.start(log, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), arguments.toArray(String[]::new));
        return new Side(name, process, ChildServers.port(log), log);
    }

    @Override
    public void close() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        for (Side side : sides) {
            side.process().destroy();
        }
        for (Side side : sides) {
            side.process().waitFor();
        }
        shared.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").update();
    }
}
