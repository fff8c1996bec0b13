package dev.raworc.query.files;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.CheckpointsExpiredEvent;
import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.platform.axon.ReadModelGroups;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlTime;

/**
 * Keeps {@code session_checkpoints} and {@code session_file_writes} in step with the files events,
 * in a processing group of its own. A write is kept only until a checkpoint holds it: from then on
 * the checkpoint's manifest has it. Idempotent per event.
 */
@Component
@ProcessingGroup(FilesProjection.PROCESSING_GROUP)
class FilesProjection {

    static final String PROCESSING_GROUP = ReadModelGroups.FILES;

    private final JdbcClient jdbc;

    FilesProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CheckpointRecordedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                INSERT INTO session_checkpoints (session_id, checkpoint_no, message_seq, manifest_hash, files, bytes_added,
                                                 writes_applied, recorded_at)
                VALUES (:session, :no, :seq, :manifest, :files, :bytesAdded, :writesApplied, :at)
                ON CONFLICT DO NOTHING""")
                .param("session", event.sessionId()).param("no", event.checkpointNo()).param("seq", event.messageSeq())
                .param("manifest", event.manifestHash()).param("files", event.files())
                .param("bytesAdded", event.bytesAdded()).param("writesApplied", event.writesApplied())
                .param("at", SqlTime.of(at))
                .update();
        jdbc.sql("DELETE FROM session_file_writes WHERE session_id = :session AND write_no <= :applied")
                .param("session", event.sessionId()).param("applied", event.writesApplied()).update();
    }

    @EventHandler
    void on(FilesWrittenEvent event) {
        jdbc.sql("""
                INSERT INTO session_file_writes (session_id, write_no, entries) VALUES (:session, :no, CAST(:entries AS jsonb))
                ON CONFLICT DO NOTHING""")
                .param("session", event.sessionId()).param("no", event.writeNo())
                .param("entries", JsonColumns.write(event.entries()))
                .update();
    }

    @EventHandler
    void on(FileDeletedEvent event) {
        jdbc.sql("""
                INSERT INTO session_file_writes (session_id, write_no, deleted_path) VALUES (:session, :no, :path)
                ON CONFLICT DO NOTHING""")
                .param("session", event.sessionId()).param("no", event.writeNo()).param("path", event.path())
                .update();
    }

    @EventHandler
    void on(CheckpointsExpiredEvent event) {
        jdbc.sql("UPDATE session_checkpoints SET expired = true WHERE session_id = :session AND checkpoint_no <= :through")
                .param("session", event.sessionId()).param("through", event.throughCheckpointNo()).update();
    }

    @EventHandler
    void on(SessionDeletedEvent event) {
        jdbc.sql("DELETE FROM session_checkpoints WHERE session_id = :session").param("session", event.sessionId()).update();
        jdbc.sql("DELETE FROM session_file_writes WHERE session_id = :session").param("session", event.sessionId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE session_checkpoints, session_file_writes").update();
    }
}
