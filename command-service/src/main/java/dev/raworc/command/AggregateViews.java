package dev.raworc.command;

import java.util.function.Function;

import org.axonframework.config.Configuration;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/**
 * Answers a write from the aggregate it changed, not from a read model: the command side decides
 * and answers from state it owns, so its answers need no query process. The aggregate comes from
 * its repository (the cache when it holds it), inside a unit of work that changes nothing.
 */
@Component
public class AggregateViews {

    private final Configuration axon;

    AggregateViews(Configuration axon) {
        this.axon = axon;
    }

    /**
     * @return the view of the aggregate with this id
     * @throws DomainException not found when no such aggregate was ever created
     */
    public <A, V> V view(Class<A> type, Object id, Function<A, V> view) {
        // Committed, not rolled back: a rollback would drop the aggregate from the cache.
        ResultMessage<V> answer = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> axon.repository(type).load(id.toString()).invoke(view));
        if (!answer.isExceptional()) {
            return answer.getPayload();
        }
        if (answer.exceptionResult() instanceof AggregateNotFoundException) {
            throw DomainException.notFound(type.getSimpleName() + " not found");
        }
        throw answer.exceptionResult() instanceof RuntimeException failure
                ? failure : new IllegalStateException(answer.exceptionResult());
    }
}
