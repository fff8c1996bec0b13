package dev.raworc.api.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SessionFoldTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123456789Z");
    private static final Instant T0_MILLIS = Instant.parse("2026-01-01T10:00:00.123Z");

    private FoldedSession session = created();

    private static FoldedSession created() {
        return SessionFold.apply(FoldedSession.NONE,
                new SessionCreatedEvent(ID, "s1", "default", "img:1", Map.of("b", 1, "a", 2)), T0, "alice");
    }

    private void fold(Object event, int secondsLater) {
        session = SessionFold.apply(session, event, T0.plusSeconds(secondsLater), "bob");
    }

    @Test
    void aCreatedSessionIsInitWithItsTimesInMillisecondsAndItsCreator() {
        assertThat(session.exists()).isTrue();
        assertThat(session.view()).isEqualTo(new SessionView(ID, "s1", "default", "init", null, "alice", null, null,
                "img:1", null, Map.of("a", 2, "b", 1), T0_MILLIS, T0_MILLIS, T0_MILLIS, null));
        assertThat(FoldedSession.NONE.exists()).isFalse();
    }

    @Test
    void aForkRecordsItsParentAndCopiedNumbering() {
        UUID parent = UUID.randomUUID();
        FoldedSession copied = SessionFold.apply(FoldedSession.NONE,
                new SessionForkedEvent(ID, parent, 4, true, true, null, "sp", "img", Map.of(), null), T0, "alice");
        FoldedSession uncopied = SessionFold.apply(FoldedSession.NONE,
                new SessionForkedEvent(ID, parent, 4, false, true, null, "sp", "img", Map.of(), null), T0, "alice");

        assertThat(copied.parentSessionId()).isEqualTo(parent);
        assertThat(copied.forkedFromMessageSeq()).isEqualTo(4L);
        assertThat(copied.messageCount()).isEqualTo(4);
        assertThat(uncopied.messageCount()).isZero();
        assertThat(copied.lastActivityAt()).isEqualTo(T0_MILLIS);
    }

    @Test
    void renamesAndMetadataMoveUpdatedAt() {
        fold(new SessionRenamedEvent(ID, "s2"), 1);
        fold(new SessionMetadataChangedEvent(ID, Map.of("z", 1)), 2);

        assertThat(session.name()).isEqualTo("s2");
        assertThat(session.metadata()).isEqualTo(Map.of("z", 1));
        assertThat(session.updatedAt()).isEqualTo(T0_MILLIS.plusSeconds(2));
        assertThat(session.createdBy()).isEqualTo("alice");
    }

    @Test
    void theContainerStaysOnlyWhileTheSessionRuns() {
        fold(new SessionReadyEvent(ID, "c1"), 1);
        assertThat(session.state()).isEqualTo(SessionState.IDLE);
        assertThat(session.containerId()).isEqualTo("c1");

        fold(new SessionStateChangedEvent(ID, SessionState.IDLE, SessionState.BUSY, "message 1"), 2);
        assertThat(session.containerId()).isEqualTo("c1");
        assertThat(session.stateReason()).isEqualTo("message 1");

        fold(new SessionClosedEvent(ID, SessionState.BUSY), 3);
        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(session.containerId()).isNull();
        assertThat(session.stateReason()).isNull();
        assertThat(session.closedAt()).isEqualTo(T0_MILLIS.plusSeconds(3));

        fold(new SessionRestoredEvent(ID, SessionState.CLOSED), 4);
        assertThat(session.state()).isEqualTo(SessionState.INIT);
        assertThat(session.closedAt()).as("when it was last closed").isEqualTo(T0_MILLIS.plusSeconds(3));
    }

    @Test
    void anErrorKeepsItsReasonAndDropsTheContainer() {
        fold(new SessionReadyEvent(ID, "c1"), 1);
        fold(new SessionStateChangedEvent(ID, SessionState.IDLE, SessionState.ERRORED, "crashed"), 2);

        assertThat(session.view().state()).isEqualTo("errored");
        assertThat(session.stateReason()).isEqualTo("crashed");
        assertThat(session.containerId()).isNull();
    }

    @Test
    void messagesAreActivityNotChanges() {
        fold(new MessagePostedEvent(ID, UUID.randomUUID(), 1, MessageRole.USER, "hi", Map.of()), 5);
        fold(new MessagePostedEvent(ID, UUID.randomUUID(), 2, MessageRole.AGENT, "yo", Map.of()), 6);
        fold(new MessagesClearedEvent(ID, 1), 7);

        assertThat(session.lastSeq()).isEqualTo(2);
        assertThat(session.messageCount()).isEqualTo(1);
        assertThat(session.lastActivityAt()).isEqualTo(T0_MILLIS.plusSeconds(6));
        assertThat(session.updatedAt()).isEqualTo(T0_MILLIS);
    }

    @Test
    void aDeletionIsRecorded() {
        fold(new SessionDeletedEvent(ID, "default"), 1);

        assertThat(session.deletedAt()).isEqualTo(T0_MILLIS.plusSeconds(1));
    }

    @Test
    void otherEventsChangeNothing() {
        FoldedSession before = session;
        fold("not a session event", 1);

        assertThat(session).isSameAs(before);
    }

    @Test
    void theViewSortsMetadataKeysAtEveryDepth() {
        fold(new SessionMetadataChangedEvent(ID, Map.of("b", Map.of("y", 1, "x", 2), "a", List.of(Map.of("d", 1, "c", 2)))), 1);

        Map<String, Object> metadata = session.view().metadata();
        assertThat(metadata.keySet()).containsExactly("a", "b");
        assertThat(((Map<?, ?>) metadata.get("b")).keySet().stream().map(Object::toString).toList()).containsExactly("x", "y");
        assertThat(((Map<?, ?>) ((List<?>) metadata.get("a")).get(0)).keySet().stream().map(Object::toString).toList()).containsExactly("c", "d");
    }
}
