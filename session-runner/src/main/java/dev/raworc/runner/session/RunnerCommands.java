package dev.raworc.runner.session;

import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.session.ChangeSessionStateCommand;
import dev.raworc.api.session.SessionState;

/** What the runner reports, as commands on behalf of its own principal. */
@Component
class RunnerCommands {

    static final String PRINCIPAL = "runner";
    private static final Logger log = LoggerFactory.getLogger(RunnerCommands.class);

    private final CommandGateway commands;

    RunnerCommands(CommandGateway commands) {
        this.commands = commands;
    }

    /** Moves the session if it can; a session that moved on meanwhile (closed, say) stays as it is. */
    void changeState(UUID sessionId, SessionState state, String reason) {
        try {
            send(new ChangeSessionStateCommand(sessionId, state, reason));
        } catch (DomainException | AggregateNotFoundException notNow) {
            log.debug("Session {} not moved to {}: {}", sessionId, state, notNow.getMessage());
        }
    }

    <R> R send(Object command) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetaDataKeys.PRINCIPAL, PRINCIPAL)));
    }
}
