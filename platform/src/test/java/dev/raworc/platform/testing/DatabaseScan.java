package dev.raworc.platform.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches every table of the database for a marker, as text and as the bytes of binary columns
 * (event payloads, metadata, tokens), so a leak test covers tables added later without change.
 */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** @return the tables any row of which contains the marker */
    public static List<String> tablesContaining(JdbcClient jdbc, String marker) {
        String hex = HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8));
        return jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                        + "AND table_type = 'BASE TABLE' ORDER BY table_name")
                .query(String.class).list().stream()
                .filter(table -> jdbc.sql("SELECT EXISTS (SELECT 1 FROM \"" + table + "\" t "
                                + "WHERE strpos(t::text, :marker) > 0 OR strpos(lower(t::text), :hex) > 0)")
                        .param("marker", marker)
                        .param("hex", hex)
                        .query(Boolean.class).single())
                .toList();
    }
}
