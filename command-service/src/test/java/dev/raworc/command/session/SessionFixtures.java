package dev.raworc.command.session;

import java.util.List;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.platform.content.CheckpointContents;
import dev.raworc.platform.content.Manifests;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

/** Session fixtures with the real name claims and content store over the test database. */
final class SessionFixtures {

    final NameClaims names = new NameClaims(TestDatabase.jdbc());
    final CheckpointContents contents = new CheckpointContents(TestDatabase.jdbc());
    final Manifests manifests = new Manifests(TestDatabase.jdbc(), transactions());

    static TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));
    }

    /**
     * A fixture whose remixes store their new sessions in {@code children} through an event store
     * added to {@code stores} (the fixture itself records only the events of the aggregate under test).
     */
    AggregateTestFixture<Session> fixture(InMemoryEventStorageEngine children, List<EmbeddedEventStore> stores) {
        List<Object> resources = List.of(names, contents, manifests);
        AggregateTestFixture<Session> fresh = new AggregateTestFixture<>(Session.class);
        resources.forEach(fresh::registerInjectableResource);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(children).build();
        stores.add(store);
        Repository<Session> repository = EventSourcingRepository.builder(Session.class)
                .eventStore(store)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Session.class),
                        new SimpleResourceParameterResolverFactory(resources)))
                .build();
        fresh.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == Session.class ? (Repository<T>) repository : null;
            }
        });
        return fresh;
    }
}
