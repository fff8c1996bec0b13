package dev.raworc.command.session;

import static dev.raworc.command.DomainRefusals.conflict;
import static dev.raworc.command.DomainRefusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.DomainException;
import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.CheckpointsExpiredEvent;
import dev.raworc.api.files.DeleteFileCommand;
import dev.raworc.api.files.ExpireCheckpointsCommand;
import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.files.RecordCheckpointCommand;
import dev.raworc.api.files.WriteFilesCommand;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.RemixSessionCommand;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.testing.TestDatabase;

/** The files of a session: writes and deletes judged against its current files, checkpoints, retention, remixes. */
class SessionFilesTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private final SessionFixtures fixtures = new SessionFixtures();
    private final Blobs blobs = new Blobs(TestDatabase.jdbc(), SessionFixtures.transactions());
    private final InMemoryEventStorageEngine children = new InMemoryEventStorageEngine();
    private final List<EmbeddedEventStore> stores = new ArrayList<>();
    private AggregateTestFixture<Session> fixture;
    private UUID sessionId;

    @BeforeEach
    void setUp() {
        fixture = fixtures.fixture(children, stores);
        sessionId = UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        stores.forEach(EmbeddedEventStore::shutDown);
    }

    // --- writes ---

    @Test
    void aWriteIsNumberedAnswersItsEntriesAndHoldsItsContents() {
        FileEntry notes = file("notes/today.md", "hello");
        fixture.given(created())
                .when(new WriteFilesCommand(sessionId, List.of(notes)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(List.of(notes))
                .expectEvents(new FilesWrittenEvent(sessionId, 1, List.of(notes)));

        assertThat(holds(1)).containsExactly(notes.hash());
    }

    @Test
    void writesAndDeletesShareOneNumbering() {
        FileEntry a = file("a.txt", "a");
        FileEntry b = file("b.txt", "b");
        fixture.given(created(), new FilesWrittenEvent(sessionId, 1, List.of(a)), new FileDeletedEvent(sessionId, 2, "a.txt"))
                .when(new WriteFilesCommand(sessionId, List.of(b)))
                .expectEvents(new FilesWrittenEvent(sessionId, 3, List.of(b)));
    }

    @Test
    void anEmptyUploadIsInvalid() {
        fixture.given(created())
                .when(new WriteFilesCommand(sessionId, List.of()))
                .expectException(refusal(DomainException.Kind.VALIDATION, "An upload must hold at least one file or directory"))
                .expectNoEvents();
    }

    @Test
    void writingUnderAFileOfAnEarlierWriteIsAConflict() {
        fixture.given(created(), new FilesWrittenEvent(sessionId, 1, List.of(file("a", "a file"))))
                .when(new WriteFilesCommand(sessionId, List.of(file("a/b.txt", "b"))))
                .expectException(conflict("Cannot write 'a/b.txt': 'a' is a file"))
                .expectNoEvents();
    }

    @Test
    void writingUnderAFileOfTheCheckpointIsAConflict() {
        String manifest = fixtures.manifests.store(Manifest.EMPTY.with(List.of(file("dir/a", "a file"))));
        fixture.given(created(), checkpoint(1, 0, manifest, 0))
                .when(new WriteFilesCommand(sessionId, List.of(file("dir/a/b/c.txt", "c"))))
                .expectException(conflict("Cannot write 'dir/a/b/c.txt': 'dir/a' is a file"))
                .expectNoEvents();
    }

    @Test
    void aFileDoesNotReplaceADirectoryNorADirectoryAFile() {
        List<Object> history = List.of(created(), new FilesWrittenEvent(sessionId, 1, List.of(file("d/x", "x"))));
        fixture.given(history)
                .when(new WriteFilesCommand(sessionId, List.of(file("d", "d"))))
                .expectException(conflict("Cannot write 'd': it is a directory"))
                .expectNoEvents();
        fixtures.fixture(children, stores).given(history)
                .when(new WriteFilesCommand(sessionId, List.of(FileEntry.directory("d/x", 0755, AT))))
                .expectException(conflict("Cannot make 'd/x' a directory: it is a file"))
                .expectNoEvents();
    }

    @Test
    void writesThatACheckpointHoldsNoLongerCount() {
        // the agent removed the file the client wrote; the checkpoint after it says so
        String empty = fixtures.manifests.store(Manifest.EMPTY);
        FileEntry underA = file("a/b.txt", "b");
        fixture.given(created(), new FilesWrittenEvent(sessionId, 1, List.of(file("a", "a file"))), checkpoint(1, 0, empty, 1))
                .when(new WriteFilesCommand(sessionId, List.of(underA)))
                .expectEvents(new FilesWrittenEvent(sessionId, 2, List.of(underA)));
    }

    @Test
    void aWriteThroughASymlinkInsideLandsWhereItLeads() {
        FileEntry link = FileEntry.symlink("link", "/session/real", AT);
        FileEntry through = file("link/x.txt", "x");
        FileEntry landed = new FileEntry("real/x.txt", through.type(), through.size(), through.mode(), AT, through.hash(), null);
        fixture.given(created(), new FilesWrittenEvent(sessionId, 1, List.of(FileEntry.directory("real", 0755, AT), link)))
                .when(new WriteFilesCommand(sessionId, List.of(through)))
                .expectResultMessagePayload(List.of(landed))
                .expectEvents(new FilesWrittenEvent(sessionId, 2, List.of(landed)));
    }

    @Test
    void aWriteThroughASymlinkLeadingOutsideIsMalformed() {
        fixture.given(created(), new FilesWrittenEvent(sessionId, 1, List.of(FileEntry.symlink("etc", "/etc", AT))))
                .when(new WriteFilesCommand(sessionId, List.of(file("etc/passwd", "root"))))
                .expectException(refusal(DomainException.Kind.MALFORMED,
                        "Path 'etc' leads outside /session through the symlink 'etc'"))
                .expectNoEvents();
    }

    @Test
    void aSymlinkLeadingOutsideIsMalformedAndOneUploadSeesItsOwnEntries() {
        fixture.given(created())
                .when(new WriteFilesCommand(sessionId, List.of(FileEntry.directory("d", 0755, AT),
                        FileEntry.symlink("d/up", "../../x", AT))))
                .expectException(refusal(DomainException.Kind.MALFORMED, "Symlink 'd/up' leads outside /session (to '../../x')"))
                .expectNoEvents();
        fixtures.fixture(children, stores).given(created())
                .when(new WriteFilesCommand(sessionId, List.of(file("f", "f"), file("f/g", "g"))))
                .expectException(conflict("Cannot write 'f/g': 'f' is a file"))
                .expectNoEvents();
    }

    // --- deletes ---

    @Test
    void deletingAPathIsNumberedLikeWrites() {
        fixture.given(created(), new FilesWrittenEvent(sessionId, 1, List.of(file("d/a.txt", "a"))))
                .when(new DeleteFileCommand(sessionId, "d"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FileDeletedEvent(sessionId, 2, "d"));
    }

    @Test
    void deletingWhatIsNotThereIsNotFound() {
        fixture.given(created(), new FilesWrittenEvent(sessionId, 1, List.of(file("a.txt", "a"))),
                        new FileDeletedEvent(sessionId, 2, "a.txt"))
                .when(new DeleteFileCommand(sessionId, "a.txt"))
                .expectException(refusal(DomainException.Kind.NOT_FOUND, "No file or directory 'a.txt' in the session"))
                .expectNoEvents();
    }

    @Test
    void deletingTheRootIsMalformed() {
        fixture.given(created())
                .when(new DeleteFileCommand(sessionId, ""))
                .expectException(refusal(DomainException.Kind.MALFORMED, "The root of /session cannot be deleted"))
                .expectNoEvents();
    }

    // --- checkpoints ---

    @Test
    void aCheckpointIsNumberedTiedToTheLastMessageAndKept() {
        String manifest = fixtures.manifests.store(Manifest.EMPTY.with(List.of(file("a.txt", "a"))));
        fixture.given(created(), posted(1), posted(2))
                .when(new RecordCheckpointCommand(sessionId, manifest, 2, 10, 0))
                .expectResultMessagePayload(1L)
                .expectEvents(new CheckpointRecordedEvent(sessionId, 1, 2, manifest, 2, 10, 0));

        assertThat(fixtures.contents.isKept(sessionId, 1)).isTrue();
    }

    @Test
    void theNextCheckpointReleasesTheUploadsItHolds() {
        String empty = fixtures.manifests.store(Manifest.EMPTY);
        FileEntry a = file("a.txt", "a");
        fixture.given(created(), checkpoint(1, 0, empty, 0))
                .andGivenCommands(new WriteFilesCommand(sessionId, List.of(a)))
                .when(new RecordCheckpointCommand(sessionId, fixtures.manifests.store(Manifest.EMPTY.with(List.of(a))), 1, 0, 1))
                .expectResultMessagePayload(2L);

        assertThat(holds(1)).isEmpty();
    }

    @Test
    void aCheckpointWithNothingNewIsNotRecordedAgain() {
        String manifest = fixtures.manifests.store(Manifest.EMPTY);
        fixture.given(created(), posted(1), checkpoint(1, 1, manifest, 0))
                .when(new RecordCheckpointCommand(sessionId, manifest, 0, 0, 0))
                .expectResultMessagePayload(1L)
                .expectNoEvents();
    }

    @Test
    void theSameFilesAfterANewMessageAreANewCheckpoint() {
        String manifest = fixtures.manifests.store(Manifest.EMPTY);
        fixture.given(created(), posted(1), checkpoint(1, 1, manifest, 0), posted(2))
                .when(new RecordCheckpointCommand(sessionId, manifest, 0, 0, 0))
                .expectResultMessagePayload(2L)
                .expectEvents(new CheckpointRecordedEvent(sessionId, 2, 2, manifest, 0, 0, 0));
    }

    // --- retention ---

    @Test
    void expiringLetsGoOfTheOldCheckpointsButNeverTheNewest() {
        String manifest = fixtures.manifests.store(Manifest.EMPTY);
        for (long no = 1; no <= 3; no++) {
            fixtures.contents.keep(sessionId, no, manifest);
        }
        fixture.given(created(), checkpoint(1, 0, manifest, 0), checkpoint(2, 0, manifest, 0), checkpoint(3, 0, manifest, 0))
                .when(new ExpireCheckpointsCommand(sessionId, 5))
                .expectEvents(new CheckpointsExpiredEvent(sessionId, 2));

        assertThat(fixtures.contents.isKept(sessionId, 2)).isFalse();
        assertThat(fixtures.contents.isKept(sessionId, 3)).isTrue();
    }

    @Test
    void expiringWhatIsExpiredOrTheOnlyCheckpointChangesNothing() {
        String manifest = fixtures.manifests.store(Manifest.EMPTY);
        fixture.given(created(), checkpoint(1, 0, manifest, 0))
                .when(new ExpireCheckpointsCommand(sessionId, 1))
                .expectNoEvents();
        fixtures.fixture(children, stores).given(created(), checkpoint(1, 0, manifest, 0), checkpoint(2, 0, manifest, 0),
                        new CheckpointsExpiredEvent(sessionId, 1))
                .when(new ExpireCheckpointsCommand(sessionId, 1))
                .expectNoEvents();
    }

    // --- remix from the past ---

    @Test
    void aRemixFromThePastStartsWithTheFilesOfTheNewestCheckpointAtOrBeforeIt() {
        String first = fixtures.manifests.store(Manifest.EMPTY.with(List.of(file("a.txt", "first"))));
        String second = fixtures.manifests.store(Manifest.EMPTY.with(List.of(file("a.txt", "second"))));
        UUID child = UUID.randomUUID();
        fixture.given(created(), posted(1), checkpoint(1, 1, first, 0), posted(2), posted(3), checkpoint(2, 3, second, 0))
                .when(new RemixSessionCommand(sessionId, child, null, null, 2L, true, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(childEvents(child)).containsExactly(fork(child, 2, true, first),
                new CheckpointRecordedEvent(child, 1, 2, first, 0, 0, 0));
        assertThat(fixtures.contents.isKept(child, 1)).isTrue();
    }

    @Test
    void aRemixFromBeforeEveryCheckpointStartsEmptyAndWithoutMessagesAtZero() {
        String later = fixtures.manifests.store(Manifest.EMPTY.with(List.of(file("a.txt", "later"))));
        String empty = fixtures.manifests.store(Manifest.EMPTY);
        UUID child = UUID.randomUUID();
        fixture.given(created(), posted(1), posted(2), checkpoint(1, 2, later, 0))
                .when(new RemixSessionCommand(sessionId, child, null, null, 1L, false, true))
                .expectSuccessfulHandlerExecution();

        assertThat(childEvents(child)).containsExactly(fork(child, 1, false, empty),
                new CheckpointRecordedEvent(child, 1, 0, empty, 0, 0, 0));
    }

    @Test
    void aRemixOfASessionWithoutCheckpointsCopiesItsFilesAsTheyAre() {
        UUID child = UUID.randomUUID();
        fixture.given(created(), posted(1), posted(2))
                .when(new RemixSessionCommand(sessionId, child, null, null, 1L, true, true))
                .expectSuccessfulHandlerExecution();

        assertThat(childEvents(child)).containsExactly(fork(child, 1, true, null));
    }

    @Test
    void aRemixFromFilesRetentionLetGoOfIsAConflict() {
        String manifest = fixtures.manifests.store(Manifest.EMPTY);
        UUID child = UUID.randomUUID();
        fixture.given(created(), posted(1), checkpoint(1, 1, manifest, 0), posted(2), posted(3), checkpoint(2, 3, manifest, 0),
                        new CheckpointsExpiredEvent(sessionId, 1))
                .when(new RemixSessionCommand(sessionId, child, null, null, 2L, true, true))
                .expectException(conflict("The files of message 2 are no longer kept: retention let go of that checkpoint"))
                .expectNoEvents();

        assertThat(childEvents(child)).isEmpty();
    }

    private SessionCreatedEvent created() {
        return new SessionCreatedEvent(sessionId, null, "space-" + sessionId, "raworc/agent:1", Map.of());
    }

    private SessionForkedEvent fork(UUID child, long upTo, boolean copyMessages, String filesFrom) {
        return new SessionForkedEvent(child, sessionId, upTo, copyMessages, true, null, "space-" + sessionId,
                "raworc/agent:1", Map.of(), filesFrom);
    }

    private MessagePostedEvent posted(long seq) {
        return new MessagePostedEvent(sessionId, UUID.randomUUID(), seq, MessageRole.USER, "message " + seq, Map.of());
    }

    private CheckpointRecordedEvent checkpoint(long no, long seq, String manifest, long writesApplied) {
        return new CheckpointRecordedEvent(sessionId, no, seq, manifest, 0, 0, writesApplied);
    }

    /** A file whose content is in the store. */
    private FileEntry file(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            return FileEntry.file(path, bytes.length, 0644, AT, blobs.store(new ByteArrayInputStream(bytes), 1 << 20).hash());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> holds(long writeNo) {
        return TestDatabase.jdbc().sql("SELECT blob_hash FROM content_holds WHERE session_id = :session AND write_no = :no")
                .param("session", sessionId).param("no", writeNo).query(String.class).list();
    }

    private List<Object> childEvents(UUID child) {
        return children.readEvents(child.toString(), 0).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }
}
