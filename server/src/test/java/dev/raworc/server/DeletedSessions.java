package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.SessionVolumes;

/**
 * Ends runner tests as an operator would: sessions deleted through the API, then a wait until the
 * runner removed their containers and volumes. Removing them behind the runner's back does not
 * last: its reconciler starts a live session's container again, and it outlives the test.
 */
final class DeletedSessions {

    private static final Duration REMOVED_WITHIN = Duration.ofSeconds(30);

    private DeletedSessions() {
    }

    static void deleteAndAwaitRemoval(ApiClient api, String token, Containers containers, Collection<String> ids) {
        for (String id : ids) {
            assertThat(api.send("DELETE", "/api/v0/sessions/" + id, token, null, null).status()).as("delete " + id).isIn(204, 404);
        }
        List<UUID> sessions = ids.stream().map(UUID::fromString).toList();
        Eventually.await(REMOVED_WITHIN, "the containers and volumes of " + ids + " removed",
                () -> containers.managed().stream().noneMatch(container -> Containers.sessionOf(container).filter(sessions::contains).isPresent())
                        && containers.managedVolumes().stream().noneMatch(volume -> containers.sessionOf(volume).filter(sessions::contains).isPresent()
                                || sessions.stream().anyMatch(id -> volume.getName().equals(SessionVolumes.named(id)))));
    }
}
