package dev.raworc.platform.axon;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.raworc.api.DomainException;

/**
 * Sends a command for an HTTP write and answers only once the read models show its effect, so the
 * client's next read sees its own write (bounded by {@link #CATCH_UP}): they must have handled the
 * events the command appended and every event that committed before them. When they do not in
 * time (or no query process runs), the write still answers, with {@link #LAGGING_HEADER}.
 */
@Component
public class Writes {

    static final Duration CATCH_UP = Duration.ofSeconds(5);

    /** Tells the client that its next read may not show this write yet. */
    public static final String LAGGING_HEADER = "Raworc-Read-Models";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModelWait readModels;

    Writes(CommandGateway commands, QueryGateway queries, ReadModelWait readModels) {
        this.commands = commands;
        this.queries = queries;
        this.readModels = readModels;
    }

    /** @return the command handler's answer, once the projections show the command's effect */
    public <R> R send(Object command) {
        AppendedEvents.forget();
        R result = commands.sendAndWait(command);
        OptionalLong appended = AppendedEvents.newest();
        // no event, or appended by another thread: wait for everything stored so far
        long upTo = appended.isPresent() ? appended.getAsLong() : readModels.head();
        if (!readModels.awaitEventsUpTo(upTo, CATCH_UP)) {
            markLagging();
        }
        return result;
    }

    private static void markLagging() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getResponse() != null) {
            request.getResponse().setHeader(LAGGING_HEADER, "lagging");
        }
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
