package dev.raworc.command.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.command.space.SpaceDeletionChecks;

/** A space is not deleted while it holds sessions that are not deleted. */
@Component
class SessionsKeepTheirSpace implements SpaceDeletionChecks.Guard {

    private final JdbcClient jdbc;

    SessionsKeepTheirSpace(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String reasonToKeep(String space) {
        long sessions = jdbc.sql("SELECT count(*) FROM name_claims WHERE kind = 'session-in-space' AND starts_with(name, :prefix)")
                .param("prefix", space + "/").query(Long.class).single();
        return sessions == 0 ? null : "it holds " + sessions + (sessions == 1 ? " session" : " sessions") + " not deleted";
    }
}
