package dev.raworc.platform.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * A read-model query with optional filters, answered one page at a time with the total of all
 * matching rows: the one way every list endpoint reads its table.
 */
public final class SqlQuery {

    private final String table;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private LongSupplier knownTotal;

    private SqlQuery(String table) {
        this.table = table;
    }

    public static SqlQuery from(String table) {
        return new SqlQuery(table);
    }

    /** Adds {@code column = :value} unless the value is {@code null} (an absent filter). */
    public SqlQuery whereEquals(String column, Object value) {
        if (value != null) {
            String name = "p" + params.size();
            conditions.add(column + " = :" + name);
            params.put(name, value);
        }
        return this;
    }

    /** Adds a fixed condition, e.g. {@code deleted_at IS NULL}. */
    public SqlQuery where(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Adds {@code column > :value} unless the value is {@code null}. */
    public SqlQuery whereGreater(String column, Object value) {
        if (value != null) {
            String name = "p" + params.size();
            conditions.add(column + " > :" + name);
            params.put(name, value);
        }
        return this;
    }

    /** Keeps only the rows the caller may list. */
    public SqlQuery within(ListScope scope, String spaceColumn, String nameColumn) {
        ListScope.SqlCondition condition = scope.toSql(spaceColumn, nameColumn);
        conditions.add(condition.sql());
        params.putAll(condition.params());
        return this;
    }

    /** Takes the total from a count the read model maintains instead of counting the matching rows. */
    public SqlQuery totalFrom(LongSupplier total) {
        this.knownTotal = total;
        return this;
    }

    public <T> Page<T> page(JdbcClient jdbc, String orderBy, PageRequest request, RowMapper<T> mapper) {
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = knownTotal != null ? knownTotal.getAsLong()
                : jdbc.sql("SELECT count(*) FROM " + table + where).params(params).query(Long.class).single();
        List<T> items = request.limit() == 0 || request.offset() >= total ? List.of()
                : jdbc.sql("SELECT * FROM " + table + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset")
                        .params(params).param("limit", request.limit()).param("offset", request.offset())
                        .query(mapper).list();
        return new Page<>(items, total, request);
    }
}
