package dev.raworc.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.raworc.api.MetaDataKeys;

/**
 * The reference for the audit history: a session's rows of the event table, read with plain SQL
 * and rendered as the spec describes its items, and the pages the paging rules cut from them.
 */
final class EventTableReading {

    /** What one answer of {@code GET /sessions/{id}/events} must be. */
    record ExpectedPage(ArrayNode items, long total, long offset, int limit) {
    }

    private record Row(ObjectNode item, long payloadBytes) {
    }

    private static final long BYTES_PER_PAGE = 8L << 20;
    private static final Set<String> ENUM_FIELDS = Set.of("role", "from", "to", "state");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final List<Row> rows;

    private EventTableReading(List<Row> rows) {
        this.rows = rows;
    }

    static EventTableReading of(JdbcClient jdbc, String sessionId) {
        return new EventTableReading(jdbc.sql("SELECT sequence_number, payload_type, time_stamp, payload, meta_data,"
                        + " octet_length(payload) AS payload_bytes FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(sessionId)
                .query((rs, n) -> new Row(item(rs.getLong("sequence_number"), rs.getString("payload_type"),
                        rs.getString("time_stamp"), rs.getBytes("payload"), rs.getBytes("meta_data")),
                        rs.getLong("payload_bytes")))
                .list());
    }

    long total() {
        return rows.size();
    }

    /** The page for {@code limit} and {@code offset}: at most 8 MiB of stored payloads, at least one item. */
    ExpectedPage page(int limit, long offset) {
        ArrayNode items = ApiClient.JSON.createArrayNode();
        if (limit == 0 || offset >= rows.size()) {
            return new ExpectedPage(items, rows.size(), offset, limit);
        }
        long bytesBefore = 0;
        for (int i = (int) offset; i < rows.size() && items.size() < limit && bytesBefore < BYTES_PER_PAGE; i++) {
            items.add(rows.get(i).item());
            bytesBefore += rows.get(i).payloadBytes();
        }
        boolean endedEarly = items.size() < limit && offset + items.size() < rows.size();
        return new ExpectedPage(items, rows.size(), offset, endedEarly ? items.size() : limit);
    }

    private static ObjectNode item(long sequenceNumber, String payloadType, String storedTime, byte[] payload,
                                   byte[] metaData) {
        ObjectNode item = ApiClient.JSON.createObjectNode();
        item.put("seq", sequenceNumber + 1);
        item.put("type", payloadType.substring(payloadType.lastIndexOf('.') + 1));
        item.put("occurred_at", MILLIS.format(Instant.parse(storedTime)));
        JsonNode principal = ApiClient.JSON.readTree(metaData).get(MetaDataKeys.PRINCIPAL);
        item.put("principal", principal == null ? null : principal.asString());
        item.set("data", wireNames(ApiClient.JSON.readTree(payload)));
        return item;
    }

    /** The event's fields in snake_case, its enum values in lower case; values as stored. */
    private static ObjectNode wireNames(JsonNode payload) {
        ObjectNode data = ApiClient.JSON.createObjectNode();
        for (String name : payload.propertyNames()) {
            String wireName = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
            JsonNode value = payload.get(name);
            data.set(wireName, ENUM_FIELDS.contains(wireName) && value.isString()
                    ? ApiClient.JSON.getNodeFactory().textNode(value.asString().toLowerCase(Locale.ROOT)) : value);
        }
        return data;
    }
}
