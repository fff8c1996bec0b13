package dev.raworc.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.RecordCheckpointCommand;
import dev.raworc.api.session.CreateSessionCommand;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.ContentSweep;
import dev.raworc.platform.content.FilesProperties;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.testing.TestDatabase;

/** Retention through the session aggregates, then the sweep of the content store, over the test database. */
class CheckpointRetentionTest {

    private final SessionFixtures fixtures = new SessionFixtures();
    private final Blobs blobs = new Blobs(TestDatabase.jdbc(), SessionFixtures.transactions());
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final CommandGateway commands = gateway();
    private final CheckpointRetention retention = new CheckpointRetention(commands, fixtures.contents,
            new ContentSweep(TestDatabase.jdbc()), new FilesProperties(null, 50, Duration.ofDays(7), Duration.ofMinutes(1),
            Duration.ofHours(1)));
    private final String run = UUID.randomUUID().toString();

    @AfterEach
    void tearDown() {
        retention.destroy();
        store.shutDown();
    }

    @Test
    void oldCheckpointsGoAndTheContentsOnlyTheyNamedAreSwept() {
        UUID session = UUID.randomUUID();
        commands.sendAndWait(new CreateSessionCommand(session, null, "space-" + session, "raworc/agent:1", Map.of()));
        FileEntry first = file("x", "first");
        FileEntry second = file("x", "second");
        FileEntry shared = file("y", "shared");
        FileEntry newest = file("z", "newest");
        String one = checkpoint(session, first);
        String two = checkpoint(session, second, shared);
        String three = checkpoint(session, shared, newest);

        CheckpointRetention.Result result = retention.run(1, Duration.ZERO, Duration.ZERO);

        assertThat(result.sessions()).isGreaterThanOrEqualTo(1);
        assertThat(fixtures.contents.isKept(session, 2)).isFalse();
        assertThat(fixtures.contents.isKept(session, 3)).isTrue();
        assertThat(exists("content_manifests", one)).isFalse();
        assertThat(exists("content_manifests", two)).isFalse();
        assertThat(exists("content_manifests", three)).isTrue();
        assertThat(exists("content_blobs", first.hash())).isFalse();
        assertThat(exists("content_blobs", second.hash())).isFalse();
        assertThat(exists("content_blobs", shared.hash())).isTrue();
        assertThat(exists("content_blobs", newest.hash())).isTrue();
    }

    @Test
    void checkpointsWithinTheKeptNumberOrAgeStay() {
        UUID session = UUID.randomUUID();
        commands.sendAndWait(new CreateSessionCommand(session, null, "space-" + session, "raworc/agent:1", Map.of()));
        FileEntry first = file("x", "first");
        checkpoint(session, first);
        checkpoint(session, file("x", "second"));

        retention.run(2, Duration.ZERO, Duration.ZERO);
        retention.run(1, Duration.ofHours(1), Duration.ZERO);

        assertThat(fixtures.contents.isKept(session, 1)).isTrue();
        assertThat(exists("content_blobs", first.hash())).isTrue();
    }

    private String checkpoint(UUID session, FileEntry... files) {
        String manifest = fixtures.manifests.store(Manifest.EMPTY.with(List.of(files)));
        commands.sendAndWait(new RecordCheckpointCommand(session, manifest, files.length, 0, 0));
        return manifest;
    }

    private FileEntry file(String path, String content) {
        byte[] bytes = (content + " " + run).getBytes(StandardCharsets.UTF_8);
        try {
            String hash = blobs.store(new ByteArrayInputStream(bytes), 1 << 20).hash();
            return FileEntry.file(path, bytes.length, 0644, Instant.now(), hash);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean exists(String table, String hash) {
        return TestDatabase.jdbc().sql("SELECT count(*) FROM " + table + " WHERE hash = :hash").param("hash", hash)
                .query(Long.class).single() > 0;
    }

    /** Sessions handled as in the server, stored in memory. */
    private CommandGateway gateway() {
        ParameterResolverFactory resources = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(Session.class),
                new SimpleResourceParameterResolverFactory(List.of(fixtures.names, fixtures.contents, fixtures.manifests)));
        EventSourcingRepository<Session> repository = EventSourcingRepository.builder(Session.class).eventStore(store)
                .parameterResolverFactory(resources).build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Session>builder().aggregateType(Session.class).repository(repository)
                .parameterResolverFactory(resources).build().subscribe(bus);
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }
}
