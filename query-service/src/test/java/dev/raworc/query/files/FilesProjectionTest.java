package dev.raworc.query.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.api.DomainException;
import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.CheckpointsExpiredEvent;
import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.content.Manifests;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.PageRequest;

class FilesProjectionTest {

    private static final Instant AT = Instant.parse("2026-11-28T12:00:00.123456Z");
    private static final PageRequest FIRST_100 = new PageRequest(100, 0);

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final Blobs blobs = new Blobs(jdbc, transactions);
    private final Manifests manifests = new Manifests(jdbc, transactions);
    private final FilesProjection projection = new FilesProjection(jdbc);
    private final FileViews views = new FileViews(jdbc, manifests);
    private final UUID session = UUID.randomUUID();

    @Test
    void aSessionWithoutCheckpointsOrWritesHasNoFiles() {
        assertThat(views.current(session).items()).isEmpty();
        assertThat(views.checkpoints(session, FIRST_100).items()).isEmpty();
    }

    @Test
    void checkpointsAreListedOldestFirstAndARedeliveredOneChangesNothing() throws IOException {
        String first = manifest(file("a.txt", "one"));
        String second = manifest(file("a.txt", "two"));
        projection.on(new CheckpointRecordedEvent(session, 1, 2, first, 1, 3, 0), AT);
        projection.on(new CheckpointRecordedEvent(session, 2, 4, second, 1, 3, 0), AT.plusSeconds(1));
        projection.on(new CheckpointRecordedEvent(session, 2, 9, first, 7, 7, 7), AT.plusSeconds(2));

        assertThat(views.checkpoints(session, FIRST_100).items()).containsExactly(
                new CheckpointView(1, 2, first, 1, 3, 0, Instant.parse("2026-11-28T12:00:00.123Z"), false),
                new CheckpointView(2, 4, second, 1, 3, 0, Instant.parse("2026-11-28T12:00:01.123Z"), false));
        assertThat(views.checkpoints(session, new PageRequest(1, 1)).items()).extracting(CheckpointView::checkpointNo)
                .containsExactly(2L);
        assertThat(views.checkpoints(session, new PageRequest(1, 1)).total()).isEqualTo(2);
    }

    @Test
    void writesWithoutACheckpointApplyToNoFilesInOrder() throws IOException {
        FileEntry a = file("docs/a.txt", "a");
        FileEntry b = file("docs/b.txt", "b");
        projection.on(new FilesWrittenEvent(session, 1, List.of(a, b)));
        projection.on(new FileDeletedEvent(session, 2, "docs/a.txt"));

        Manifest files = views.current(session);

        assertThat(files.get("docs/b.txt")).contains(b);
        assertThat(files.get("docs/a.txt")).isEmpty();
        assertThat(files.get("docs").orElseThrow().type().wireName()).isEqualTo("directory");
    }

    @Test
    void theCurrentFilesAreTheNewestCheckpointsWithTheWritesAfterIt() throws IOException {
        FileEntry kept = file("kept.txt", "kept");
        FileEntry before = file("before.txt", "written before the checkpoint");
        FileEntry after = file("after.txt", "written after the checkpoint");
        projection.on(new FilesWrittenEvent(session, 1, List.of(before)));
        projection.on(new CheckpointRecordedEvent(session, 1, 3, manifest(kept, before), 2, 10, 1), AT);
        projection.on(new FilesWrittenEvent(session, 2, List.of(after)));
        projection.on(new FileDeletedEvent(session, 3, "kept.txt"));

        Manifest files = views.current(session);

        assertThat(files.items()).extracting(Manifest.Item::path).containsExactly("after.txt", "before.txt");
        assertThat(files.get("after.txt")).contains(after);
    }

    @Test
    void aCheckpointLetsGoOfTheWritesItHolds() throws IOException {
        FileEntry a = file("a.txt", "a");
        projection.on(new FilesWrittenEvent(session, 1, List.of(a)));
        projection.on(new FilesWrittenEvent(session, 2, List.of(file("b.txt", "b"))));
        projection.on(new CheckpointRecordedEvent(session, 1, 1, manifest(a), 1, 1, 1), AT);

        assertThat(jdbc.sql("SELECT write_no FROM session_file_writes WHERE session_id = :s").param("s", session)
                .query(Long.class).list()).containsExactly(2L);
        assertThat(views.current(session).items()).extracting(Manifest.Item::path).containsExactly("a.txt", "b.txt");
    }

    @Test
    void theFilesAsOfAMessageAreTheNewestCheckpointsAtOrBeforeIt() throws IOException {
        String atTwo = manifest(file("a.txt", "at two"));
        String alsoAtTwo = manifest(file("a.txt", "also at two"));
        String atFive = manifest(file("a.txt", "at five"));
        projection.on(new CheckpointRecordedEvent(session, 1, 2, atTwo, 1, 1, 0), AT);
        projection.on(new CheckpointRecordedEvent(session, 2, 2, alsoAtTwo, 1, 1, 0), AT);
        projection.on(new CheckpointRecordedEvent(session, 3, 5, atFive, 1, 1, 0), AT);

        assertThat(views.asOf(session, 2)).isSameAs(manifests.load(alsoAtTwo));
        assertThat(views.asOf(session, 4)).isSameAs(manifests.load(alsoAtTwo));
        assertThat(views.asOf(session, 5)).isSameAs(manifests.load(atFive));
        assertThat(views.asOf(session, 99)).isSameAs(manifests.load(atFive));
        assertThatThrownBy(() -> views.asOf(session, 1)).isInstanceOf(DomainException.class)
                .hasMessage("The session has no checkpoint at or before message 1");
    }

    @Test
    void expiredCheckpointsAreListedButTheirFilesAreGone() throws IOException {
        String old = manifest(file("a.txt", "old"));
        String newer = manifest(file("a.txt", "newer"));
        projection.on(new CheckpointRecordedEvent(session, 1, 1, old, 1, 1, 0), AT);
        projection.on(new CheckpointRecordedEvent(session, 2, 3, old, 1, 0, 0), AT);
        projection.on(new CheckpointRecordedEvent(session, 3, 5, newer, 1, 1, 0), AT);

        projection.on(new CheckpointsExpiredEvent(session, 2));

        assertThat(views.checkpoints(session, FIRST_100).items()).extracting(CheckpointView::expired)
                .containsExactly(true, true, false);
        assertThatThrownBy(() -> views.asOf(session, 4)).isInstanceOf(DomainException.class)
                .hasMessage("The files of message 4 are no longer kept: retention let go of checkpoint 2");
        assertThat(views.asOf(session, 5)).isSameAs(manifests.load(newer));
    }

    @Test
    void aDeletedSessionLeavesNoRows() throws IOException {
        FileEntry a = file("a.txt", "a");
        projection.on(new CheckpointRecordedEvent(session, 1, 1, manifest(a), 1, 1, 0), AT);
        projection.on(new FilesWrittenEvent(session, 1, List.of(a)));

        projection.on(new SessionDeletedEvent(session, "default"));

        for (String table : List.of("session_checkpoints", "session_file_writes")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE session_id = :s").param("s", session)
                    .query(Long.class).single()).as(table).isZero();
        }
    }

    /** A file whose content is in the store. */
    private FileEntry file(String path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String hash = blobs.store(new ByteArrayInputStream(bytes), 1 << 20).hash();
        return FileEntry.file(path, bytes.length, 0644, Instant.parse("2026-11-28T11:00:00.250Z"), hash);
    }

    private String manifest(FileEntry... files) {
        return manifests.store(Manifest.EMPTY.with(List.of(files)));
    }
}
