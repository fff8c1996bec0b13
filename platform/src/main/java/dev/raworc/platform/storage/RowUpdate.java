package dev.raworc.platform.storage;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The usual projection write: set one column of a row by id and move its {@code updated_at}. */
public final class RowUpdate {

    private RowUpdate() {
    }

    /**
     * @param assignment SQL setting one column from the parameter {@code :value}, e.g.
     *                   {@code "active = :value"}
     */
    public static void set(JdbcClient jdbc, String table, UUID id, String assignment, Object value, Instant at) {
        jdbc.sql("UPDATE " + table + " SET " + assignment + ", updated_at = :at WHERE id = :id")
                .param("id", id)
                .param("value", value)
                .param("at", SqlTime.of(at))
                .update();
    }
}
