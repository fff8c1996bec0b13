package dev.raworc.runner.state;

import java.time.Instant;
import java.util.UUID;

import dev.raworc.api.session.SessionState;

/** A session as runners see it (a row of {@code runner_sessions}). */
public record SessionRow(UUID id, String space, String image, SessionState state, String stateReason, String runner,
                         boolean deleted, Instant lastActivity, long lastTaskSeq, long lastAnsweredSeq) {

    /** BUSY because of a task (set by a USER message or the runner), not by an agent reporting itself. */
    public boolean busyWithATask() {
        return state == SessionState.BUSY && stateReason != null
                && (stateReason.startsWith("message ") || stateReason.startsWith("task "));
    }

    /** IDLE with USER messages no AGENT reply answers: their hand-off was lost. */
    public boolean idleWithUnansweredTasks() {
        return state == SessionState.IDLE && lastTaskSeq > lastAnsweredSeq;
    }
}
