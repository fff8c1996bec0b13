package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

import dev.raworc.platform.testing.TestDatabase;

/** Another process's positions, read from token_entry as its token store wrote them. */
class StoredTokensTest {

    private final Serializer serializer = Jackson3Serializer.builder().build();
    private final StoredTokens tokens = new StoredTokens(TestDatabase.dataSource(), serializer);
    private final String group = "stored-" + UUID.randomUUID();

    @Test
    void decodesAGapAwarePositionAndItsOwnersClaim() {
        Instant claimed = Instant.now();
        store(0, GapAwareTrackingToken.newInstance(10, Set.of(7L)), "other-process", claimed);

        List<StoredTokens.Segment> segments = tokens.of(List.of(group));

        assertThat(segments).singleElement().satisfies(segment -> {
            assertThat(segment.token()).isEqualTo(GapAwareTrackingToken.newInstance(10, Set.of(7L)));
            assertThat(ProjectionCatchUp.hasHandled(segment.token(), 10)).isTrue();
            assertThat(ProjectionCatchUp.hasHandled(segment.token(), 7)).as("still a gap").isFalse();
            assertThat(ProjectionCatchUp.hasHandled(segment.token(), 11)).isFalse();
            assertThat(segment.liveAt(claimed.plusSeconds(4), Duration.ofSeconds(5))).isTrue();
            assertThat(segment.liveAt(claimed.plusSeconds(6), Duration.ofSeconds(5))).as("a stale claim").isFalse();
        });
    }

    @Test
    void aSegmentWithoutPositionOrOwnerHasHandledNothingAndIsNotLive() {
        store(0, null, null, null);

        StoredTokens.Segment segment = tokens.of(List.of(group)).get(0);

        assertThat(ProjectionCatchUp.hasHandled(segment.token(), 0)).isFalse();
        assertThat(segment.liveAt(Instant.now(), Duration.ofSeconds(5))).isFalse();
    }

    private void store(int segment, GapAwareTrackingToken token, String owner, Instant claimed) {
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        TestDatabase.jdbc().sql("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(group, segment, serialized == null ? null : serialized.getData(),
                        serialized == null ? null : serialized.getType().getName(),
                        claimed == null ? null : claimed.toString(), owner)
                .update();
    }
}
