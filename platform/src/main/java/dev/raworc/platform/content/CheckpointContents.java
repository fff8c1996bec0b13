package dev.raworc.platform.content;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which checkpoints' files are kept, and which uploads wait for their first checkpoint: the roots
 * of the content store's sweep. The session aggregate writes them in the transaction of its
 * events, so what is kept always matches the history.
 */
@Repository
public class CheckpointContents {

    private final JdbcClient jdbc;

    public CheckpointContents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void keep(UUID sessionId, long checkpointNo, String manifestHash) {
        jdbc.sql("INSERT INTO content_checkpoints (session_id, checkpoint_no, manifest_hash) VALUES (:session, :no, :hash) "
                        + "ON CONFLICT DO NOTHING")
                .param("session", sessionId).param("no", checkpointNo).param("hash", manifestHash).update();
    }

    public boolean isKept(UUID sessionId, long checkpointNo) {
        return jdbc.sql("SELECT count(*) FROM content_checkpoints WHERE session_id = :session AND checkpoint_no = :no")
                .param("session", sessionId).param("no", checkpointNo).query(Long.class).single() > 0;
    }

    /** Lets go of the files of the session's checkpoints up to that one. */
    public void expire(UUID sessionId, long throughCheckpointNo) {
        jdbc.sql("DELETE FROM content_checkpoints WHERE session_id = :session AND checkpoint_no <= :no")
                .param("session", sessionId).param("no", throughCheckpointNo).update();
    }

    /** Lets go of every checkpoint and upload of a deleted session. */
    public void forget(UUID sessionId) {
        jdbc.sql("DELETE FROM content_checkpoints WHERE session_id = :session").param("session", sessionId).update();
        jdbc.sql("DELETE FROM content_holds WHERE session_id = :session").param("session", sessionId).update();
    }

    /** Keeps an upload's contents until a checkpoint holds the write. */
    public void hold(UUID sessionId, long writeNo, Collection<String> hashes) {
        for (String hash : hashes) {
            jdbc.sql("INSERT INTO content_holds (session_id, write_no, blob_hash) VALUES (:session, :no, :hash) "
                            + "ON CONFLICT DO NOTHING")
                    .param("session", sessionId).param("no", writeNo).param("hash", hash).update();
        }
    }

    /** A checkpoint holds the writes up to this one: their contents are the manifest's to keep now. */
    public void release(UUID sessionId, long throughWriteNo) {
        jdbc.sql("DELETE FROM content_holds WHERE session_id = :session AND write_no <= :no")
                .param("session", sessionId).param("no", throughWriteNo).update();
    }

    /**
     * Retention: per session, the newest checkpoint whose files may go, keeping the newest
     * {@code keepLast} and every one recorded within {@code keepNewerThan}.
     */
    public Map<UUID, Long> expirable(int keepLast, Duration keepNewerThan) {
        return jdbc.sql("""
                        SELECT session_id, max(checkpoint_no) AS through FROM (
                            SELECT session_id, checkpoint_no, recorded_at,
                                   row_number() OVER (PARTITION BY session_id ORDER BY checkpoint_no DESC) AS newest
                            FROM content_checkpoints) ranked
                        WHERE newest > :keepLast AND recorded_at < now() - make_interval(secs => :seconds)
                        GROUP BY session_id""")
                .param("keepLast", keepLast).param("seconds", (double) keepNewerThan.toSeconds())
                .query((rs, n) -> Map.entry(rs.getObject("session_id", UUID.class), rs.getLong("through")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
