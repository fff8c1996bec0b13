package dev.raworc.platform.storage;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The embedded PostgreSQL process, or {@link #NONE} when an external database is configured. */
public final class EmbeddedDatabase implements AutoCloseable {

    static final EmbeddedDatabase NONE = new EmbeddedDatabase(null);

    private final EmbeddedPostgres postgres;

    EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
