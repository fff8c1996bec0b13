package dev.raworc.platform.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.access.Rule;
import dev.raworc.api.account.PasswordHash;
import dev.raworc.platform.security.StoredCredentials;
import dev.raworc.platform.storage.JsonColumns;

/**
 * Reads the caller's bindings and their roles' rules as they are now, on every request, so a
 * binding created or deleted applies to tokens already issued. The bearer token check reads the
 * account together with its bindings, in one statement, and the request's permission checks use
 * those bindings, oldest first as {@code GET /auth/me} lists them. A role's rules are parsed once
 * per distinct JSON text, not per request: the text is read every time, so a changed role applies
 * at once all the same.
 */
@Repository
public class AccessGrants {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {
    };
    private static final String READ_IN_REQUEST = AccessGrants.class.getName() + ".bindings:";
    /** Distinct rule texts kept parsed; when full it starts over. */
    static final int PARSED_RULES_CAPACITY = 1_000;

    private final JdbcClient jdbc;
    private final Map<String, List<Rule>> parsedRules = new ConcurrentHashMap<>();

    AccessGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The account's credentials as they are now, read with its bindings, which the permission
     * checks of this request then use.
     */
    public Optional<StoredCredentials> credentialsWithBindings(UUID accountId, HttpServletRequest request) {
        List<BoundRules> bindings = new ArrayList<>();
        List<StoredCredentials> credentials = jdbc.sql("""
                SELECT c.account_id, c.user_name, c.password_hash, c.active, c.generation,
                       g.principal_id IS NOT NULL AS bound, g.role_name, g.space, g.rules
                FROM account_credentials c
                LEFT JOIN (SELECT b.principal_id, b.role_name, b.space, b.created_at, b.id, r.rules::text AS rules
                           FROM role_bindings b JOIN roles r ON r.id = b.role_id) g ON g.principal_id = c.account_id
                WHERE c.account_id = :id
                ORDER BY g.created_at, g.id""")
                .param("id", accountId)
                .query((rs, row) -> {
                    if (rs.getBoolean("bound")) {
                        bindings.add(bound(rs));
                    }
                    return new StoredCredentials(rs.getObject("account_id", UUID.class), rs.getString("user_name"),
                            new PasswordHash(rs.getString("password_hash")), rs.getBoolean("active"), rs.getLong("generation"));
                })
                .list();
        if (credentials.isEmpty()) {
            return Optional.empty();
        }
        request.setAttribute(READ_IN_REQUEST + accountId, List.copyOf(bindings));
        return Optional.of(credentials.get(0));
    }

    List<BoundRules> of(UUID accountId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(READ_IN_REQUEST + accountId, RequestAttributes.SCOPE_REQUEST)
                instanceof List<?> readWithCredentials) {
            @SuppressWarnings("unchecked")
            List<BoundRules> bindings = (List<BoundRules>) readWithCredentials;
            return bindings;
        }
        return jdbc.sql("""
                SELECT b.role_name, b.space, r.rules::text AS rules
                FROM role_bindings b JOIN roles r ON r.id = b.role_id
                WHERE b.principal_id = :id
                ORDER BY b.created_at, b.id""")
                .param("id", accountId)
                .query((rs, row) -> bound(rs))
                .list();
    }

    private BoundRules bound(ResultSet rs) throws SQLException {
        return new BoundRules(rs.getString("role_name"), rs.getString("space"), rules(rs.getString("rules")));
    }

    List<Rule> rules(String json) {
        List<Rule> parsed = parsedRules.get(json);
        if (parsed == null) {
            parsed = List.copyOf(JsonColumns.read(json, RULES));
            if (parsedRules.size() >= PARSED_RULES_CAPACITY) {
                parsedRules.clear();
            }
            parsedRules.put(json, parsed);
        }
        return parsed;
    }
}
