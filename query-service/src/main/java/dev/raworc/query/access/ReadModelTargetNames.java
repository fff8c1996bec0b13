package dev.raworc.query.access;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.raworc.platform.access.TargetNames;
import dev.raworc.platform.storage.Ids;

/** The target names of a process without the command side: from the query side's read models. */
@Repository
class ReadModelTargetNames implements TargetNames {

    private final JdbcClient jdbc;

    ReadModelTargetNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> role(String idOrName) {
        return byIdOrName("roles", "name", idOrName);
    }

    @Override
    public Optional<String> serviceAccount(String idOrUser) {
        return byIdOrName("service_accounts", "user_name", idOrUser);
    }

    /** An id wins over a name that reads like one, as on the command side. */
    private Optional<String> byIdOrName(String table, String nameColumn, String idOrName) {
        Optional<String> byId = Ids.parse(idOrName).flatMap(id -> name(table, nameColumn, "id", id));
        return byId.isPresent() ? byId : name(table, nameColumn, nameColumn, idOrName);
    }

    private Optional<String> name(String table, String nameColumn, String keyColumn, Object key) {
        return jdbc.sql("SELECT " + nameColumn + " FROM " + table + " WHERE " + keyColumn + " = :key")
                .param("key", key).query(String.class).optional();
    }
}
