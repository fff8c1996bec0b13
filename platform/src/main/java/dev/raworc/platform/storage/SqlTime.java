package dev.raworc.platform.storage;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as read models store them: at the millisecond precision of the wire format. */
public final class SqlTime {

    private SqlTime() {
    }

    public static Timestamp of(Instant instant) {
        return instant == null ? null : Timestamp.from(wire(instant));
    }

    /** The instant as a read model would give it back: a write's answer must equal the GET after it. */
    public static Instant wire(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Instant toInstant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
