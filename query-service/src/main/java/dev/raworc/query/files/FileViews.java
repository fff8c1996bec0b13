package dev.raworc.query.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.DomainException;
import dev.raworc.api.files.FileEntry;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.content.Manifests;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * The files of a session, from its checkpoints and writes ({@link FilesProjection}) and the
 * manifests of the content store: now, or as of one of its messages.
 */
@Component
class FileViews {

    private static final TypeReference<List<FileEntry>> ENTRIES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Manifests manifests;

    FileViews(JdbcClient jdbc, Manifests manifests) {
        this.jdbc = jdbc;
        this.manifests = manifests;
    }

    /** The session's checkpoints, oldest first. */
    Page<CheckpointView> checkpoints(UUID session, PageRequest page) {
        return SqlQuery.from("session_checkpoints").whereEquals("session_id", session)
                .page(jdbc, "checkpoint_no", page, FileViews::checkpoint);
    }

    /** The files now: the newest checkpoint's, with every write after it applied in order. */
    Manifest current(UUID session) {
        Optional<CheckpointView> newest = jdbc.sql(
                        "SELECT * FROM session_checkpoints WHERE session_id = :session ORDER BY checkpoint_no DESC LIMIT 1")
                .param("session", session).query(FileViews::checkpoint).optional();
        Manifest files = newest.map(checkpoint -> manifests.load(checkpoint.manifestHash())).orElse(Manifest.EMPTY);
        long applied = newest.map(CheckpointView::writesApplied).orElse(0L);
        List<Write> writes = jdbc.sql("""
                        SELECT entries, deleted_path FROM session_file_writes
                        WHERE session_id = :session AND write_no > :applied ORDER BY write_no""")
                .param("session", session).param("applied", applied)
                .query((rs, row) -> new Write(rs.getString("entries"), rs.getString("deleted_path"))).list();
        for (Write write : writes) {
            files = write.deletedPath() != null ? files.without(write.deletedPath())
                    : files.with(JsonColumns.read(write.entries(), ENTRIES));
        }
        return files;
    }

    /**
     * The files as of message {@code seq}: those of the newest checkpoint at or before it.
     *
     * @throws DomainException (not found) when there is none, or retention let go of its files
     */
    Manifest asOf(UUID session, long seq) {
        CheckpointView checkpoint = jdbc.sql("""
                        SELECT * FROM session_checkpoints WHERE session_id = :session AND message_seq <= :seq
                        ORDER BY checkpoint_no DESC LIMIT 1""")
                .param("session", session).param("seq", seq).query(FileViews::checkpoint).optional()
                .orElseThrow(() -> DomainException.notFound("The session has no checkpoint at or before message " + seq));
        if (checkpoint.expired()) {
            throw DomainException.notFound("The files of message " + seq + " are no longer kept: retention let go of "
                    + "checkpoint " + checkpoint.checkpointNo());
        }
        return manifests.load(checkpoint.manifestHash());
    }

    private record Write(String entries, String deletedPath) {
    }

    private static CheckpointView checkpoint(ResultSet rs, int row) throws SQLException {
        return new CheckpointView(rs.getLong("checkpoint_no"), rs.getLong("message_seq"), rs.getString("manifest_hash"),
                rs.getLong("files"), rs.getLong("bytes_added"), rs.getLong("writes_applied"),
                SqlTime.toInstant(rs.getTimestamp("recorded_at")), rs.getBoolean("expired"));
    }
}
