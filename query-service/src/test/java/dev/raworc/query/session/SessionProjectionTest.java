package dev.raworc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.session.FindSessionQuery;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.MessageView;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.api.session.SessionView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.ListScopes;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

class SessionProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");
    private static final String IMAGE = "raworc/agent:1";
    private static final Map<String, Object> METADATA = Map.of("team", "a", "limits", Map.of("cpu", 2),
            "tags", List.of("x", "y"), "gpu", false);
    private static final PageRequest FIRST_100 = new PageRequest(100, 0);

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final SessionReadModels projection = new SessionReadModels();
    private final SessionViews views = new SessionViews(jdbc);
    private final MessageViews messages = new MessageViews(jdbc);

    private UUID id;
    private String name;
    private String space;

    @BeforeEach
    void setUp() {
        id = UUID.randomUUID();
        String suffix = id.toString().substring(0, 8);
        name = "session-" + suffix;
        space = "space-" + suffix;
    }

    // --- create and fork ---

    @Test
    void createdSessionIsInitWithItsCreatorMetadataAndMillisecondTimes() {
        projection.on(new SessionCreatedEvent(id, name, space, IMAGE, METADATA), Instant.parse("2026-11-28T12:00:00.123456Z"),
                "alice");

        Instant at = Instant.parse("2026-11-28T12:00:00.123Z");
        assertThat(view()).isEqualTo(new SessionView(id, name, space, "init", null, "alice", null, null, IMAGE, null,
                METADATA, at, at, at, null));
        assertThat(row()).containsEntry("state", "init").containsEntry("deleted_at", null);
        assertThat(jdbc.sql("SELECT metadata->'limits'->>'cpu' FROM sessions WHERE id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("2");
    }

    @Test
    void aSessionWithoutANameOrMetadata() {
        projection.on(new SessionCreatedEvent(id, null, space, IMAGE, Map.of()), CREATED, "system");

        assertThat(view()).satisfies(view -> {
            assertThat(view.name()).isNull();
            assertThat(view.metadata()).isEmpty();
            assertThat(view.createdBy()).isEqualTo("system");
            assertThat(view.parentSessionId()).isNull();
            assertThat(view.forkedFromMessageSeq()).isNull();
        });
    }

    @Test
    void redeliveredCreationChangesNothing() {
        SessionCreatedEvent created = new SessionCreatedEvent(id, name, space, IMAGE, METADATA);
        projection.on(created, CREATED, "alice");
        SessionView before = view();

        projection.on(created, CREATED.plusSeconds(1), "bob");

        assertThat(view()).isEqualTo(before);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aForkNamesItsParentAndTheMessageItWasForkedFrom() {
        UUID parent = parentWithMessages(3);
        Instant forkedAt = Instant.parse("2026-11-28T13:00:00.555999Z");
        Map<String, Object> own = Map.of("remix", true);

        projection.on(new SessionForkedEvent(id, parent, 2, true, true, name, space, IMAGE, own, null), forkedAt, "bob");

        Instant at = Instant.parse("2026-11-28T13:00:00.555Z");
        assertThat(view()).isEqualTo(new SessionView(id, name, space, "init", null, "bob", parent, 2L, IMAGE, null, own,
                at, at, at, null));
    }

    @Test
    void aForkCopiesTheParentsMessagesUpToTheSeq() {
        UUID parent = parentWithMessages(3);
        List<MessageView> parents = messages.list(parent, null, null, FIRST_100).items();

        projection.on(new SessionForkedEvent(id, parent, 2, true, true, null, space, IMAGE, Map.of(), null), CREATED.plusSeconds(60),
                "bob");

        List<MessageView> copied = messages.list(id, null, null, FIRST_100).items();
        assertThat(copied).extracting(MessageView::seq).containsExactly(1L, 2L);
        for (int i = 0; i < 2; i++) {
            MessageView original = parents.get(i);
            assertThat(copied.get(i)).isEqualTo(new MessageView(copied.get(i).id(), id, original.seq(), original.role(),
                    original.content(), original.metadata(), original.createdBy(), original.createdAt()));
        }
        assertThat(copied).extracting(MessageView::id).doesNotContainAnyElementsOf(
                parents.stream().map(MessageView::id).toList()).doesNotHaveDuplicates();
        assertThat(messages.list(parent, null, null, FIRST_100).items()).isEqualTo(parents);
    }

    @Test
    void aForkCopiesOnlyTheParentsVisibleMessages() {
        UUID parent = parentWithMessages(4);
        projection.on(new MessagesClearedEvent(parent, 2));

        projection.on(new SessionForkedEvent(id, parent, 3, true, true, null, space, IMAGE, Map.of(), null), CREATED.plusSeconds(60),
                "bob");

        assertThat(messages.list(id, null, null, FIRST_100).items()).extracting(MessageView::seq).containsExactly(3L);
    }

    @Test
    void aForkWithoutCopyMessagesStartsWithNoMessages() {
        UUID parent = parentWithMessages(3);

        projection.on(new SessionForkedEvent(id, parent, 3, false, true, null, space, IMAGE, Map.of(), null), CREATED.plusSeconds(60),
                "bob");

        assertThat(messages.count(id, null)).isZero();
        assertThat(view().forkedFromMessageSeq()).isEqualTo(3L);
        assertThat(view().parentSessionId()).isEqualTo(parent);
    }

    @Test
    void aForkAtZeroCopiesNothing() {
        UUID parent = parentWithMessages(2);

        projection.on(new SessionForkedEvent(id, parent, 0, true, true, null, space, IMAGE, Map.of(), null), CREATED.plusSeconds(60),
                "bob");

        assertThat(messages.count(id, null)).isZero();
    }

    @Test
    void aRedeliveredForkChangesNothing() {
        UUID parent = parentWithMessages(3);
        SessionForkedEvent fork = new SessionForkedEvent(id, parent, 2, true, true, name, space, IMAGE, Map.of(), null);
        projection.on(fork, CREATED.plusSeconds(60), "bob");
        SessionView before = view();
        List<MessageView> copied = messages.list(id, null, null, FIRST_100).items();

        projection.on(fork, CREATED.plusSeconds(120), "carol");

        assertThat(view()).isEqualTo(before);
        assertThat(count()).isEqualTo(1);
        assertThat(messages.list(id, null, null, FIRST_100).items()).isEqualTo(copied);
    }

    @Test
    void aChildsOwnMessagesFollowTheCopiedOnes() {
        UUID parent = parentWithMessages(3);
        projection.on(new SessionForkedEvent(id, parent, 3, true, true, null, space, IMAGE, Map.of(), null), CREATED.plusSeconds(60),
                "bob");

        post(id, 4, MessageRole.USER, CREATED.plusSeconds(61));

        assertThat(messages.list(id, null, null, FIRST_100).items()).extracting(MessageView::seq)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(messages.count(parent, null)).isEqualTo(3);
    }

    // --- changes ---

    @Test
    void aStateChangeSetsStateAndReasonAndMovesUpdatedAtToTheMillisecond() {
        created();

        projection.on(new SessionStateChangedEvent(id, SessionState.INIT, SessionState.ERRORED, "container failed"),
                Instant.parse("2026-11-28T12:05:00.456789Z"));

        assertThat(view()).satisfies(view -> {
            assertThat(view.state()).isEqualTo("errored");
            assertThat(view.stateReason()).isEqualTo("container failed");
            assertThat(view.updatedAt()).isEqualTo("2026-11-28T12:05:00.456Z");
            assertThat(view.createdAt()).isEqualTo(CREATED);
        });

        projection.on(new SessionStateChangedEvent(id, SessionState.ERRORED, SessionState.INIT, null),
                Instant.parse("2026-11-28T12:06:00.001Z"));

        assertThat(view().state()).isEqualTo("init");
        assertThat(view().stateReason()).isNull();
        assertThat(view().updatedAt()).isEqualTo("2026-11-28T12:06:00.001Z");
    }

    @Test
    void closeSetsClosedAtAndDropsTheReason() {
        created();
        projection.on(new SessionStateChangedEvent(id, SessionState.INIT, SessionState.ERRORED, "container failed"),
                CREATED.plusSeconds(1));

        projection.on(new SessionClosedEvent(id, SessionState.ERRORED), Instant.parse("2026-11-28T12:10:00.999999Z"));

        assertThat(view()).satisfies(view -> {
            assertThat(view.state()).isEqualTo("closed");
            assertThat(view.stateReason()).isNull();
            assertThat(view.closedAt()).isEqualTo("2026-11-28T12:10:00.999Z");
            assertThat(view.updatedAt()).isEqualTo("2026-11-28T12:10:00.999Z");
        });
    }

    @Test
    void restoreMakesTheSessionInitAgain() {
        created();
        projection.on(new SessionClosedEvent(id, SessionState.INIT), CREATED.plusSeconds(1));

        projection.on(new SessionRestoredEvent(id, SessionState.CLOSED), Instant.parse("2026-11-28T12:20:00.002Z"));

        assertThat(view()).satisfies(view -> {
            assertThat(view.state()).isEqualTo("init");
            assertThat(view.stateReason()).isNull();
            assertThat(view.updatedAt()).isEqualTo("2026-11-28T12:20:00.002Z");
        });
    }

    @Test
    void renameChangesTheNameAndMovesUpdatedAt() {
        created();
        String renamed = name + "-new";

        projection.on(new SessionRenamedEvent(id, renamed), Instant.parse("2026-11-28T12:30:00.987654Z"));

        assertThat(view().name()).isEqualTo(renamed);
        assertThat(view().updatedAt()).isEqualTo("2026-11-28T12:30:00.987Z");
        assertThat(list(new SessionViews.Filter(null, null, null, null, renamed), ListScopes.everything()).items())
                .extracting(SessionView::id).containsExactly(id);
        assertThat(list(new SessionViews.Filter(null, null, null, null, name), ListScopes.everything()).total()).isZero();
    }

    @Test
    void metadataChangeReplacesTheMetadataAndMovesUpdatedAt() {
        created();
        Map<String, Object> changed = Map.of("team", "b", "nested", Map.of("list", List.of(1, 2)));

        projection.on(new SessionMetadataChangedEvent(id, changed), Instant.parse("2026-11-28T12:31:00.5Z"));

        assertThat(view().metadata()).isEqualTo(changed);
        assertThat(view().updatedAt()).isEqualTo("2026-11-28T12:31:00.500Z");
    }

    @Test
    void redeliveredChangesChangeNothing() {
        created();
        Instant at = Instant.parse("2026-11-28T12:30:00Z");
        List<Runnable> changes = List.of(
                () -> projection.on(new SessionRenamedEvent(id, name + "-new"), at),
                () -> projection.on(new SessionMetadataChangedEvent(id, Map.of("team", "b")), at),
                () -> projection.on(new SessionStateChangedEvent(id, SessionState.INIT, SessionState.IDLE, "ready"), at),
                () -> projection.on(new SessionClosedEvent(id, SessionState.IDLE), at));
        changes.forEach(Runnable::run);
        SessionView before = view();

        changes.forEach(Runnable::run);

        assertThat(view()).isEqualTo(before);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void changesToASessionNotInTheReadModelCreateNothing() {
        projection.on(new SessionRenamedEvent(id, name), CREATED);
        projection.on(new SessionMetadataChangedEvent(id, METADATA), CREATED);
        projection.on(new SessionStateChangedEvent(id, SessionState.INIT, SessionState.IDLE, null), CREATED);
        projection.on(new SessionClosedEvent(id, SessionState.IDLE), CREATED);
        projection.on(new SessionRestoredEvent(id, SessionState.CLOSED), CREATED);
        projection.on(new SessionDeletedEvent(id, space), CREATED);

        assertThat(count()).isZero();
    }

    // --- messages ---

    @Test
    void aPostedMessageIsShownAndMovesLastActivity() {
        created();
        UUID messageId = UUID.randomUUID();
        Map<String, Object> metadata = Map.of("tool", "bash", "args", List.of("ls", "-l"));

        projection.on(new MessagePostedEvent(id, messageId, 1, MessageRole.AGENT, "done", metadata),
                Instant.parse("2026-11-28T12:40:00.789123Z"), "agent-1");

        MessageView expected = new MessageView(messageId, id, 1, "agent", "done", metadata, "agent-1",
                Instant.parse("2026-11-28T12:40:00.789Z"));
        assertThat(messages.list(id, null, null, FIRST_100).items()).containsExactly(expected);
        assertThat(view().lastActivityAt()).isEqualTo("2026-11-28T12:40:00.789Z");
    }

    @Test
    void aRedeliveredMessageIsShownOnce() {
        created();
        MessagePostedEvent posted = new MessagePostedEvent(id, UUID.randomUUID(), 1, MessageRole.USER, "hi", Map.of());
        projection.on(posted, CREATED.plusSeconds(1), "alice");

        projection.on(posted, CREATED.plusSeconds(2), "bob");

        assertThat(messages.list(id, null, null, FIRST_100).items()).singleElement().satisfies(message -> {
            assertThat(message.createdBy()).isEqualTo("alice");
            assertThat(message.createdAt()).isEqualTo(CREATED.plusSeconds(1));
        });
    }

    @Test
    void clearRemovesTheMessagesUpToTheSeqOnly() {
        created();
        UUID other = otherSessionWithMessages(2);
        for (long seq = 1; seq <= 3; seq++) {
            post(id, seq, MessageRole.USER, CREATED.plusSeconds(seq));
        }

        projection.on(new MessagesClearedEvent(id, 2));

        assertThat(messages.list(id, null, null, FIRST_100).items()).extracting(MessageView::seq).containsExactly(3L);
        post(id, 4, MessageRole.AGENT, CREATED.plusSeconds(4));
        assertThat(messages.list(id, null, null, FIRST_100).items()).extracting(MessageView::seq).containsExactly(3L, 4L);
        assertThat(messages.count(id, null)).isEqualTo(2);
        assertThat(messages.count(other, null)).isEqualTo(2);
    }

    @Test
    void listIsOldestFirstWithAfterSeqRoleAndPaging() {
        created();
        otherSessionWithMessages(3);
        MessageRole[] roles = {null, MessageRole.USER, MessageRole.AGENT, MessageRole.USER, MessageRole.SYSTEM, MessageRole.AGENT};
        for (int seq : new int[] {3, 1, 5, 2, 4}) {
            post(id, seq, roles[seq], CREATED.plusSeconds(10 - seq));
        }

        Page<MessageView> all = messages.list(id, null, null, FIRST_100);
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.items()).extracting(MessageView::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(all.items()).extracting(MessageView::role).containsExactly("user", "agent", "user", "system", "agent");

        Page<MessageView> newer = messages.list(id, 2L, null, FIRST_100);
        assertThat(newer.total()).isEqualTo(3);
        assertThat(newer.items()).extracting(MessageView::seq).containsExactly(3L, 4L, 5L);

        Page<MessageView> agent = messages.list(id, null, "agent", FIRST_100);
        assertThat(agent.total()).isEqualTo(2);
        assertThat(agent.items()).extracting(MessageView::seq).containsExactly(2L, 5L);

        Page<MessageView> newerUser = messages.list(id, 1L, "user", FIRST_100);
        assertThat(newerUser.total()).isEqualTo(1);
        assertThat(newerUser.items()).extracting(MessageView::seq).containsExactly(3L);

        Page<MessageView> page = messages.list(id, null, null, new PageRequest(2, 1));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(MessageView::seq).containsExactly(2L, 3L);

        Page<MessageView> newerPage = messages.list(id, 1L, null, new PageRequest(2, 2));
        assertThat(newerPage.total()).isEqualTo(4);
        assertThat(newerPage.items()).extracting(MessageView::seq).containsExactly(4L, 5L);

        Page<MessageView> pastTheEnd = messages.list(id, null, null, new PageRequest(10, 5));
        assertThat(pastTheEnd.total()).isEqualTo(5);
        assertThat(pastTheEnd.items()).isEmpty();

        assertThat(messages.list(id, 5L, null, FIRST_100).items()).isEmpty();
        assertThat(messages.list(id, 0L, null, FIRST_100).total()).isEqualTo(5);
    }

    @Test
    void aPageEndsEarlyAtEightMebibytesOfContentAndSaysHowManyItHolds() {
        created();
        int mib = 1 << 20;
        String[] contents = {"a".repeat(3 * mib), "b".repeat(4 * mib), "c".repeat(mib + 1), "d".repeat(9 * mib), "e"};
        for (int seq = 1; seq <= contents.length; seq++) {
            projection.on(new MessagePostedEvent(id, UUID.randomUUID(), seq, MessageRole.AGENT, contents[seq - 1], Map.of()),
                    CREATED, "agent-1");
        }

        Page<MessageView> first = messages.list(id, null, null, FIRST_100);
        Page<MessageView> oversized = messages.list(id, 2L, null, FIRST_100);
        Page<MessageView> last = messages.list(id, 3L, null, new PageRequest(10, 1));

        assertThat(first.items()).extracting(MessageView::seq).containsExactly(1L, 2L, 3L);
        assertThat(first.request()).isEqualTo(new PageRequest(3, 0));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items().get(2).content()).isEqualTo(contents[2]);
        assertThat(oversized.items()).extracting(MessageView::seq).containsExactly(3L, 4L);
        assertThat(oversized.request()).isEqualTo(new PageRequest(2, 0));
        assertThat(last.items()).extracting(MessageView::seq).containsExactly(5L);
        assertThat(last.request()).as("the list's end is no early end").isEqualTo(new PageRequest(10, 1));
    }

    @Test
    void countCountsTheShownMessagesOfOneSessionByRole() {
        created();
        otherSessionWithMessages(4);
        post(id, 1, MessageRole.USER, CREATED);
        post(id, 2, MessageRole.AGENT, CREATED);
        post(id, 3, MessageRole.USER, CREATED);

        assertThat(messages.count(id, null)).isEqualTo(3);
        assertThat(messages.count(id, "user")).isEqualTo(2);
        assertThat(messages.count(id, "agent")).isEqualTo(1);
        assertThat(messages.count(id, "system")).isZero();
        assertThat(messages.count(UUID.randomUUID(), null)).isZero();

        projection.on(new MessagesClearedEvent(id, 2));
        assertThat(messages.count(id, null)).isEqualTo(1);
        assertThat(messages.count(id, "agent")).isZero();
    }

    // --- delete and reset ---

    @Test
    void deleteHidesTheSessionAndRemovesItsMessages() {
        created();
        UUID other = otherSessionWithMessages(1);
        post(id, 1, MessageRole.USER, CREATED);
        SessionDeletedEvent deleted = new SessionDeletedEvent(id, space);

        projection.on(deleted, Instant.parse("2026-11-28T14:00:00.123456Z"));
        projection.on(deleted, Instant.parse("2026-11-28T14:00:00.123456Z"));

        assertThat(((Timestamp) row().get("deleted_at")).toInstant()).isEqualTo("2026-11-28T14:00:00.123Z");
        assertThat(views.handle(new FindSessionQuery(id))).isEmpty();
        assertThat(list(new SessionViews.Filter(null, space, null, null, null), ListScopes.everything()).items())
                .extracting(SessionView::id).containsExactly(other);
        assertThat(list(new SessionViews.Filter(null, null, null, null, name), ListScopes.everything()).total()).isZero();
        assertThat(messages.count(id, null)).isZero();
        assertThat(messages.count(other, null)).isEqualTo(1);
    }

    @Test
    void aNameFreedByADeleteFindsTheNewSession() {
        created();
        projection.on(new SessionDeletedEvent(id, space), CREATED.plusSeconds(1));
        UUID successor = UUID.randomUUID();

        projection.on(new SessionCreatedEvent(successor, name, space, IMAGE, Map.of()), CREATED.plusSeconds(2), "bob");

        assertThat(list(new SessionViews.Filter(null, null, null, null, name), ListScopes.everything()).items())
                .extracting(SessionView::id).containsExactly(successor);
    }

    @Test
    void findAnswersNothingForAnUnknownSession() {
        assertThat(views.handle(new FindSessionQuery(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void resetEmptiesBothTables() {
        created();
        post(id, 1, MessageRole.USER, CREATED);
        otherSessionWithMessages(2);

        projection.reset();

        assertThat(jdbc.sql("SELECT count(*) FROM sessions").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM messages").query(Long.class).single()).isZero();
    }

    // --- the session list ---

    @Test
    void listIsNewestFirstAndFilters() {
        UUID parent = UUID.randomUUID();
        String creator = "carol-" + id;
        UUID[] ids = new UUID[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = UUID.randomUUID();
        }
        // created out of order: the list orders by creation time, not by insertion
        for (int i : new int[] {2, 0, 4, 1, 3}) {
            if (i == 3 || i == 4) {
                projection.on(new SessionForkedEvent(ids[i], parent, 0, false, true, "list-" + ids[i], space, IMAGE, Map.of(), null),
                        CREATED.plusMillis(i), i == 4 ? creator : "alice");
            } else {
                projection.on(new SessionCreatedEvent(ids[i], "list-" + ids[i], space, IMAGE, Map.of()), CREATED.plusMillis(i),
                        i == 1 ? creator : "alice");
            }
        }
        projection.on(new SessionStateChangedEvent(ids[0], SessionState.INIT, SessionState.IDLE, null), CREATED.plusSeconds(1));
        projection.on(new SessionStateChangedEvent(ids[3], SessionState.INIT, SessionState.IDLE, null), CREATED.plusSeconds(1));
        projection.on(new SessionClosedEvent(ids[2], SessionState.INIT), CREATED.plusSeconds(1));
        ListScope everything = ListScopes.everything();

        Page<SessionView> inSpace = list(new SessionViews.Filter(null, space, null, null, null), everything);
        assertThat(inSpace.total()).isEqualTo(5);
        assertThat(inSpace.items()).extracting(SessionView::id).containsExactly(ids[4], ids[3], ids[2], ids[1], ids[0]);

        assertThat(list(new SessionViews.Filter("idle", space, null, null, null), everything).items())
                .extracting(SessionView::id).containsExactly(ids[3], ids[0]);
        assertThat(list(new SessionViews.Filter("closed", space, null, null, null), everything).items())
                .extracting(SessionView::id).containsExactly(ids[2]);
        assertThat(list(new SessionViews.Filter("init", space, null, null, null), everything).items())
                .extracting(SessionView::id).containsExactly(ids[4], ids[1]);
        assertThat(list(new SessionViews.Filter(null, null, creator, null, null), everything).items())
                .extracting(SessionView::id).containsExactly(ids[4], ids[1]);
        assertThat(list(new SessionViews.Filter(null, null, null, parent, null), everything).items())
                .extracting(SessionView::id).containsExactly(ids[4], ids[3]);
        assertThat(list(new SessionViews.Filter(null, null, null, null, "list-" + ids[2]), everything).items())
                .extracting(SessionView::id).containsExactly(ids[2]);
        assertThat(list(new SessionViews.Filter("idle", space, null, parent, null), everything).items())
                .extracting(SessionView::id).containsExactly(ids[3]);
        assertThat(list(new SessionViews.Filter("closed", null, creator, null, null), everything).total()).isZero();
        assertThat(list(new SessionViews.Filter(null, space + "-other", null, null, null), everything).total()).isZero();

        Page<SessionView> page = views.list(new SessionViews.Filter(null, space, null, null, null), everything,
                new PageRequest(2, 1));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(SessionView::id).containsExactly(ids[3], ids[2]);

        Page<SessionView> pastTheEnd = views.list(new SessionViews.Filter(null, space, null, null, null), everything,
                new PageRequest(10, 5));
        assertThat(pastTheEnd.total()).isEqualTo(5);
        assertThat(pastTheEnd.items()).isEmpty();
    }

    @Test
    void sessionsCreatedAtTheSameInstantAreOrderedByIdDescending() {
        UUID low = UUID.fromString("00000000-0000-4000-8000-" + id.toString().substring(24));
        UUID high = UUID.fromString("ffffffff-0000-4000-8000-" + id.toString().substring(24));
        projection.on(new SessionCreatedEvent(low, null, space, IMAGE, Map.of()), CREATED, "alice");
        projection.on(new SessionCreatedEvent(high, null, space, IMAGE, Map.of()), CREATED, "alice");

        assertThat(list(new SessionViews.Filter(null, space, null, null, null), ListScopes.everything()).items())
                .extracting(SessionView::id).containsExactly(high, low);
    }

    @Test
    void listShowsOnlyTheSessionsOfTheScope() {
        String otherSpace = space + "-b";
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        UUID b1 = UUID.randomUUID();
        projection.on(new SessionCreatedEvent(a1, null, space, IMAGE, Map.of()), CREATED, "alice");
        projection.on(new SessionCreatedEvent(a2, null, space, IMAGE, Map.of()), CREATED.plusMillis(1), "alice");
        projection.on(new SessionCreatedEvent(b1, null, otherSpace, IMAGE, Map.of()), CREATED.plusMillis(2), "alice");

        Page<SessionView> oneSpace = list(new SessionViews.Filter(null, null, null, null, null), ListScopes.space(space));
        assertThat(oneSpace.items()).extracting(SessionView::id).containsExactly(a2, a1);
        assertThat(oneSpace.items()).extracting(SessionView::space).containsOnly(space);
        assertThat(oneSpace.total()).isEqualTo(2);

        Page<SessionView> otherSpaceOnly = list(new SessionViews.Filter(null, space, null, null, null),
                ListScopes.space(otherSpace));
        assertThat(otherSpaceOnly.total()).isZero();

        Page<SessionView> byId = list(new SessionViews.Filter(null, null, null, null, null),
                ListScopes.names(a1.toString(), b1.toString()));
        assertThat(byId.total()).isEqualTo(2);
        assertThat(byId.items()).extracting(SessionView::id).containsExactly(b1, a1);

        Page<SessionView> nothing = list(new SessionViews.Filter(null, space, null, null, null), ListScopes.nothing());
        assertThat(nothing.total()).isZero();
        assertThat(nothing.items()).isEmpty();
    }

    // --- helpers ---

    private void created() {
        projection.on(new SessionCreatedEvent(id, name, space, IMAGE, METADATA), CREATED, "alice");
    }

    /** A parent session with messages 1..n, each a minute apart, alternating user and agent, with metadata. */
    private UUID parentWithMessages(int n) {
        UUID parent = UUID.randomUUID();
        projection.on(new SessionCreatedEvent(parent, null, space, IMAGE, Map.of()), CREATED, "alice");
        for (int seq = 1; seq <= n; seq++) {
            MessageRole role = seq % 2 == 1 ? MessageRole.USER : MessageRole.AGENT;
            projection.on(new MessagePostedEvent(parent, UUID.randomUUID(), seq, role, "message " + seq,
                    Map.of("n", seq)), CREATED.plusSeconds(60L * seq).plusNanos(123_456_789), role == MessageRole.USER
                    ? "alice" : "agent-" + parent);
        }
        return parent;
    }

    private UUID otherSessionWithMessages(int n) {
        UUID other = UUID.randomUUID();
        projection.on(new SessionCreatedEvent(other, null, space, IMAGE, Map.of()), CREATED, "alice");
        for (int seq = 1; seq <= n; seq++) {
            post(other, seq, MessageRole.USER, CREATED);
        }
        return other;
    }

    private void post(UUID session, long seq, MessageRole role, Instant at) {
        projection.on(new MessagePostedEvent(session, UUID.randomUUID(), seq, role, "message " + seq, Map.of()), at, "alice");
    }

    private Page<SessionView> list(SessionViews.Filter filter, ListScope scope) {
        return views.list(filter, scope, FIRST_100);
    }

    private SessionView view() {
        return views.handle(new FindSessionQuery(id)).orElseThrow();
    }

    private Map<String, Object> row() {
        return jdbc.sql("SELECT * FROM sessions WHERE id = :id").param("id", id).query().singleRow();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE id = :id").param("id", id).query(Long.class).single();
    }
}
