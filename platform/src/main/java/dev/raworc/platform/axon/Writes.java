package dev.raworc.platform.axon;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/**
 * Sends a command for an HTTP write and answers only once this process's projections show its
 * effect, so the client's next read sees its own write (bounded by {@link #CATCH_UP}): they must
 * have handled the events the command appended and every event that committed before them.
 */
@Component
public class Writes {

    static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProjectionCatchUp projections;

    Writes(CommandGateway commands, QueryGateway queries, ProjectionCatchUp projections) {
        this.commands = commands;
        this.queries = queries;
        this.projections = projections;
    }

    /** @return the command handler's answer, once the projections show the command's effect */
    public <R> R send(Object command) {
        AppendedEvents.forget();
        R result = commands.sendAndWait(command);
        OptionalLong appended = AppendedEvents.newest();
        if (appended.isPresent()) {
            projections.awaitEventsUpTo(appended.getAsLong(), CATCH_UP);
        } else { // no event, or appended by another thread: wait for everything stored so far
            projections.await(CATCH_UP);
        }
        return result;
    }

    /** Sends the command, then answers the query for the view of what it changed. */
    public <V> V sendAndRead(Object command, Object query, Class<V> viewType) {
        send(command);
        return read(query, viewType);
    }

    public <V> V read(Object query, Class<V> viewType) {
        Optional<V> view = queries.query(query, ResponseTypes.optionalInstanceOf(viewType)).join();
        return view.orElseThrow(() -> DomainException.notFound(viewType.getSimpleName() + " not found"));
    }
}
