package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import dev.raworc.platform.testing.TestDatabase;

/** A group's lag from its stored position: global indexes to the head, and the age of its oldest unhandled event. */
class ProcessorLagTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00.000Z");

    private final Serializer serializer = Jackson3Serializer.builder().build();
    private final String group = "lag-" + UUID.randomUUID();
    private final String otherGroup = "lag-" + UUID.randomUUID();

    @Test
    void theSlowestSegmentDecidesInIndexesAndInTheAgeOfTheNextEvent() {
        long first = storeEvent(NOW.minusSeconds(30));
        long second = storeEvent(NOW.minusSeconds(12));
        long third = storeEvent(NOW.minusSeconds(1));
        storeToken(group, 0, GapAwareTrackingToken.newInstance(third, Set.of()));
        storeToken(group, 1, GapAwareTrackingToken.newInstance(first, Set.of()));

        ProcessorLag.Behind behind = lag(third).of(List.of(group)).get(0);

        assertThat(behind.position()).isEqualTo(first);
        assertThat(behind.events()).isEqualTo(third - first);
        assertThat(behind.time()).as("the second event waits since it was stored")
                .isEqualTo(Duration.between(timestampOf(second), NOW));
    }

    @Test
    void aCaughtUpGroupHasNoLagAndAGroupWithoutTokensHasHandledNothing() {
        long only = storeEvent(NOW.minusSeconds(5));
        storeToken(group, 0, GapAwareTrackingToken.newInstance(only, Set.of()));

        List<ProcessorLag.Behind> lag = lag(only).of(List.of(group, otherGroup));

        assertThat(lag).filteredOn(behind -> behind.group().equals(group)).singleElement().satisfies(behind -> {
            assertThat(behind.events()).isZero();
            assertThat(behind.time()).isZero();
        });
        assertThat(lag).filteredOn(behind -> behind.group().equals(otherGroup)).singleElement().satisfies(behind -> {
            assertThat(behind.position()).isEqualTo(ProcessorLag.NOTHING_HANDLED);
            assertThat(behind.events()).isEqualTo(only + 1);
            assertThat(behind.time()).isPositive();
        });
    }

    private ProcessorLag lag(long head) {
        return new ProcessorLag(new StoredTokens(TestDatabase.dataSource(), serializer), () -> head, TestDatabase.jdbc(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static long storeEvent(Instant storedAt) {
        String id = UUID.randomUUID().toString();
        return TestDatabase.jdbc().sql("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, "
                        + "event_identifier, payload, payload_type, time_stamp) VALUES (?, 0, 'Test', ?, ?, 'java.lang.String', ?) "
                        + "RETURNING global_index")
                .params(id, id, "\"lag\"".getBytes(), storedAt.toString())
                .query(Long.class).single();
    }

    private static Instant timestampOf(long globalIndex) {
        return Instant.parse(TestDatabase.jdbc().sql("SELECT time_stamp FROM domain_event_entry WHERE global_index = ?")
                .params(globalIndex).query(String.class).single());
    }

    private void storeToken(String processor, int segment, TrackingToken token) {
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        TestDatabase.jdbc().sql("INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, ?, ?, ?)")
                .params(processor, segment, serialized.getData(), serialized.getType().getName())
                .update();
    }
}
