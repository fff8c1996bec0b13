package dev.raworc.platform.axon;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads processors' positions from {@code token_entry} without claiming anything, so a process
 * can see how far other processes' processors got.
 */
final class StoredTokens {

    /** One segment's stored position; {@code token} is null before its first event. */
    record Segment(String group, int segment, TrackingToken token, String owner, Instant claimed) {

        /** Owned by a process that extended its claim within the given time. */
        boolean liveAt(Instant now, java.time.Duration claimTimeout) {
            return owner != null && claimed != null && claimed.plus(claimTimeout).isAfter(now);
        }
    }

    private record Row(String processorName, int segment, byte[] token, String tokenType, String timestamp, String owner) {
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    StoredTokens(DataSource dataSource, Serializer serializer) {
        this.jdbc = JdbcClient.create(dataSource);
        this.serializer = serializer;
    }

    List<Segment> of(Collection<String> groups) {
        return jdbc.sql("SELECT processor_name, segment, token, token_type, timestamp, owner FROM token_entry "
                        + "WHERE processor_name IN (:groups)")
                .param("groups", groups)
                .query(Row.class)
                .list().stream()
                .map(this::decode)
                .toList();
    }

    private Segment decode(Row row) {
        TrackingToken token = row.token() == null ? null : serializer.deserialize(
                new SimpleSerializedObject<>(row.token(), byte[].class, row.tokenType(), null));
        Instant claimed = row.timestamp() == null ? null : Instant.parse(row.timestamp());
        return new Segment(row.processorName(), row.segment(), token, row.owner(), claimed);
    }
}
