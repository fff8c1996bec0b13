package dev.raworc.runner.session;

import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import dev.raworc.api.MetaDataKeys;

/** What the runner reports, as commands on behalf of its own principal. */
@Component
class RunnerCommands {

    static final String PRINCIPAL = "runner";

    private final CommandGateway commands;

    RunnerCommands(CommandGateway commands) {
        this.commands = commands;
    }

    <R> R send(Object command) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetaDataKeys.PRINCIPAL, PRINCIPAL)));
    }
}
