package dev.raworc.command.secret;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * The secrets of a space from the command side's own name claims ({@code space/key}), in the
 * order the query side lists them (key, then id), so a page means the same on both sides.
 */
@Component
class ClaimedSecrets {

    private static final String CLAIMS = """
            (SELECT owner_id AS id, split_part(name, '/', 1) AS space, substr(name, strpos(name, '/') + 1) AS key
             FROM name_claims WHERE kind = 'secret') claimed""";

    private final JdbcClient jdbc;

    ClaimedSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<UUID> list(String space, ListScope scope, PageRequest page) {
        return SqlQuery.from(CLAIMS).whereEquals("space", space).within(scope, "space", "key")
                .page(jdbc, "key, id", page, (rs, row) -> rs.getObject("id", UUID.class));
    }
}
