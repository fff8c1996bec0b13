package dev.raworc.command.access;

import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.raworc.platform.access.SqlAccountDirectory;

/**
 * The directory of a process with the command side, over the tables its handlers write in the
 * transaction of their events: a change applies to the very next request. A binding counts only
 * while its name claim exists (see V15__access_lookups.sql).
 */
@Primary
@Repository
class CommandAccountDirectory extends SqlAccountDirectory {

    CommandAccountDirectory(JdbcClient jdbc) {
        super(jdbc, """
                SELECT c.account_id, c.user_name, c.active, c.generation,
                       g.principal_id IS NOT NULL AS bound, g.role_name, g.space, g.rules
                FROM account_credentials c
                LEFT JOIN (SELECT b.principal_id, b.role_name, b.space, b.created_at, b.binding_id, r.rules::text AS rules
                           FROM role_binding_grants b
                           JOIN role_rules r ON r.role_id = b.role_id
                           JOIN name_claims n ON n.kind = 'role-binding' AND n.owner_id = b.binding_id) g
                       ON g.principal_id = c.account_id
                WHERE c.account_id = :id
                ORDER BY g.created_at, g.binding_id""");
    }
}
