package dev.raworc.platform.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A directory that reads an account with its bindings in one statement, whichever side's tables
 * it names: the statement selects {@code account_id, user_name, active, generation, bound,
 * role_name, space, rules} for the parameter {@code :id}, one row per binding (one unbound row
 * when none), oldest binding first.
 */
public abstract class SqlAccountDirectory implements AccountDirectory {

    private final JdbcClient jdbc;
    private final String sql;

    protected SqlAccountDirectory(JdbcClient jdbc, String sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public Optional<AccountAccess> find(UUID accountId) {
        List<AccountAccess.Grant> grants = new ArrayList<>();
        List<AccountAccess> accounts = jdbc.sql(sql).param("id", accountId)
                .query((rs, row) -> {
                    if (rs.getBoolean("bound")) {
                        grants.add(new AccountAccess.Grant(rs.getString("role_name"), rs.getString("space"),
                                rs.getString("rules")));
                    }
                    return new AccountAccess(rs.getObject("account_id", UUID.class), rs.getString("user_name"),
                            rs.getBoolean("active"), rs.getLong("generation"), List.of());
                })
                .list();
        return accounts.stream().findFirst().map(account -> new AccountAccess(account.accountId(), account.user(),
                account.active(), account.generation(), List.copyOf(grants)));
    }
}
