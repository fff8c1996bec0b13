package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** A write waits for its own event, never for lower indexes that other transactions still hold or that never commit. */
class ProjectionCatchUpTest {

    @Test
    void aPositionPastTheEventHasHandledItWhateverGapsItHasBelow() {
        TrackingToken afterACrash = GapAwareTrackingToken.newInstance(120, new TreeSet<>(List.of(52L, 53L, 77L)));

        assertThat(ProjectionCatchUp.hasHandled(afterACrash, 120)).isTrue();
        assertThat(ProjectionCatchUp.hasHandled(afterACrash, 100)).isTrue();
        assertThat(ProjectionCatchUp.hasHandled(afterACrash, 121)).as("not read yet").isFalse();
        assertThat(ProjectionCatchUp.hasHandled(afterACrash, 77)).as("still a gap").isFalse();
    }

    @Test
    void aReplayHasHandledWhatItsCurrentPositionHas() {
        TrackingToken head = GapAwareTrackingToken.newInstance(500, Collections.emptySortedSet());
        TrackingToken replaying = ReplayToken.createReplayToken(head, GapAwareTrackingToken.newInstance(200, Collections.emptySortedSet()));

        assertThat(ProjectionCatchUp.hasHandled(replaying, 200)).isTrue();
        assertThat(ProjectionCatchUp.hasHandled(replaying, 201)).isFalse();
    }

    @Test
    void tokensWithoutGapsCompareTheirPosition() {
        assertThat(ProjectionCatchUp.hasHandled(new GlobalSequenceTrackingToken(9), 9)).isTrue();
        assertThat(ProjectionCatchUp.hasHandled(new GlobalSequenceTrackingToken(9), 10)).isFalse();
        assertThat(ProjectionCatchUp.hasHandled(null, 1)).as("a processor that has read nothing").isFalse();
    }
}
