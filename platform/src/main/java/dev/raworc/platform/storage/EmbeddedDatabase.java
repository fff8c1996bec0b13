package dev.raworc.platform.storage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL process, or {@link #NONE} when an external database is configured. Its
 * files persist in the data directory, and its own log goes to {@code postgres.log} there.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final EmbeddedDatabase NONE = new EmbeddedDatabase(null, null);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** Long enough for PostgreSQL's recovery after a power cut. */
    private static final Duration STARTUP_PATIENCE = Duration.ofSeconds(45);
    /** How long a PostgreSQL left running gets to stop by itself before it is killed. */
    private static final Duration LEFTOVER_PATIENCE = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final DataDirectoryLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DataDirectoryLock lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    static EmbeddedDatabase start(DataDirectory dataDirectory) {
        Path postgresData = dataDirectory.directory("postgres");
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory.root().resolve("postgres.lock"));
        try {
            LeftoverPostmaster.stop(postgresData, LEFTOVER_PATIENCE);
            File postgresLog = dataDirectory.root().resolve("postgres.log").toFile();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(postgresData)
                    .setCleanDataDirectory(false)
                    // the library starts PostgreSQL for tests: without fsync (-F), a machine crash can
                    // corrupt the database, and with synchronous_commit off, a crash loses events the
                    // API already answered for. A later -c wins over -F.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // the library's own JVM shutdown hook would stop PostgreSQL while the processors
                    // still write their tokens; Spring closes this bean after everything using it
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(postgresLog))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(postgresLog))
                    .setPGStartupWait(STARTUP_PATIENCE)
                    .start();
            log.info("Started embedded PostgreSQL on port {} with data in {}, its log in {}", postgres.getPort(),
                    postgresData, postgresLog);
            return new EmbeddedDatabase(postgres, lock);
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("Cannot start the embedded PostgreSQL in "
                    + postgresData + "; see " + dataDirectory.root().resolve("postgres.log"), e);
            try {
                lock.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            try {
                postgres.close();
            } finally {
                lock.close();
            }
        }
    }
}
