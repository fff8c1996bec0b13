package dev.raworc.query.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.raworc.platform.access.SqlAccountDirectory;

/**
 * The directory of a process without the command side: the query side's read models. A change
 * that voids tokens applies here once the catalog projection has handled its event.
 */
@Repository
class ReadModelAccountDirectory extends SqlAccountDirectory {

    ReadModelAccountDirectory(JdbcClient jdbc) {
        super(jdbc, """
                SELECT a.id AS account_id, a.user_name, a.active, a.generation,
                       g.principal_id IS NOT NULL AS bound, g.role_name, g.space, g.rules
                FROM service_accounts a
                LEFT JOIN (SELECT b.principal_id, b.role_name, b.space, b.created_at, b.id, r.rules::text AS rules
                           FROM role_bindings b JOIN roles r ON r.id = b.role_id) g ON g.principal_id = a.id
                WHERE a.id = :id
                ORDER BY g.created_at, g.id""");
    }
}
