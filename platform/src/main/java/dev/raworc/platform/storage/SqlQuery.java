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
    private String budgetedColumn;
    private long budgetBytes;

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

    /**
     * Ends a page early, after the row that brings the column's bytes in it to the budget, so that
     * a page of large rows cannot take more memory than that; a page holds at least one row. A
     * page that ended early answers with the number of rows it holds as its effective limit.
     */
    public SqlQuery bytesPerPage(String column, long budget) {
        this.budgetedColumn = column;
        this.budgetBytes = budget;
        return this;
    }

    public <T> Page<T> page(JdbcClient jdbc, String orderBy, PageRequest request, RowMapper<T> mapper) {
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = knownTotal != null ? knownTotal.getAsLong()
                : jdbc.sql("SELECT count(*) FROM " + table + where).params(params).query(Long.class).single();
        if (request.limit() == 0 || request.offset() >= total) {
            return new Page<>(List.of(), total, request);
        }
        String page = "SELECT * FROM " + table + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset";
        if (budgetedColumn != null) {
            page = "SELECT * FROM (SELECT page.*, sum(octet_length(" + budgetedColumn + ")) OVER (ORDER BY " + orderBy
                    + ") AS page_bytes FROM (" + page + ") page) budgeted WHERE page_bytes - octet_length("
                    + budgetedColumn + ") < :budget ORDER BY " + orderBy;
        }
        JdbcClient.StatementSpec statement = jdbc.sql(page).params(params).param("limit", request.limit())
                .param("offset", request.offset());
        List<T> items = (budgetedColumn == null ? statement : statement.param("budget", budgetBytes)).query(mapper).list();
        return Page.of(items, total, request);
    }
}
