package dev.raworc.runner.state;

import java.time.Instant;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionPlacedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.runner.RunnerSide;

/**
 * The sessions as runners see them ({@code runner_sessions}), from the events. One processing group
 * for all runner processes: whichever holds its token keeps the table up to date for all. It is
 * not replayed (so API writes never wait for it) but reads history from its start (see RunnerSide).
 */
@Component
@ProcessingGroup(RunnerSide.RUNNER_STATE)
@DisallowReplay
class RunnerState {

    private final JdbcClient jdbc;

    RunnerState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionCreatedEvent event, @Timestamp Instant at) {
        begin(event.sessionId(), event.space(), event.image(), at);
    }

    @EventHandler
    void on(SessionForkedEvent event, @Timestamp Instant at) {
        begin(event.sessionId(), event.space(), event.image(), at);
    }

    private void begin(java.util.UUID id, String space, String image, Instant at) {
        jdbc.sql("""
                INSERT INTO runner_sessions (id, space, image, state, last_activity_at)
                VALUES (:id, :space, :image, 'init', :at) ON CONFLICT (id) DO NOTHING""")
                .params(Map.of("id", id, "space", space, "image", image, "at", java.sql.Timestamp.from(at)))
                .update();
    }

    @EventHandler
    void on(SessionPlacedEvent event) {
        jdbc.sql("UPDATE runner_sessions SET runner = :runner WHERE id = :id")
                .param("runner", event.runner()).param("id", event.sessionId()).update();
    }

    @EventHandler
    void on(SessionStateChangedEvent event) {
        state(event.sessionId(), event.to(), event.reason());
    }

    @EventHandler
    void on(SessionReadyEvent event) {
        state(event.sessionId(), SessionState.IDLE, null);
    }

    @EventHandler
    void on(SessionClosedEvent event) {
        state(event.sessionId(), SessionState.CLOSED, null);
    }

    @EventHandler
    void on(SessionRestoredEvent event) {
        state(event.sessionId(), SessionState.INIT, null);
    }

    private void state(java.util.UUID id, SessionState state, String reason) {
        jdbc.sql("UPDATE runner_sessions SET state = :state, state_reason = :reason WHERE id = :id")
                .param("state", state.wireName()).param("reason", reason).param("id", id).update();
    }

    @EventHandler
    void on(MessagePostedEvent event, @Timestamp Instant at) {
        String seqColumn = event.role() == MessageRole.USER ? "last_task_seq = GREATEST(last_task_seq, :seq)"
                : "last_answered_seq = GREATEST(last_answered_seq, :seq)";
        Object answered = event.metadata() == null ? null : event.metadata().get("in_reply_to");
        long seq = event.role() == MessageRole.USER ? event.seq()
                : answered instanceof Number number ? number.longValue() : 0;
        jdbc.sql("UPDATE runner_sessions SET last_activity_at = :at, " + seqColumn + " WHERE id = :id")
                .param("at", java.sql.Timestamp.from(at)).param("seq", seq).param("id", event.sessionId()).update();
    }

    @EventHandler
    void on(SessionDeletedEvent event) {
        jdbc.sql("UPDATE runner_sessions SET deleted = true WHERE id = :id").param("id", event.sessionId()).update();
    }
}
