package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.SessionVolumes;
import dev.raworc.runner.docker.WarmPool;

/**
 * The warm pool on the real Docker engine: ready containers that are not sessions, taken by new
 * sessions (which get their environment with each task, and as a file only the agent reads),
 * refilled in the background, replaced when they no longer match, and fallen back from when a burst
 * is larger than the pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarmPoolTest {

    private static final int POOL = 2;

    private DockerSessions runner;

    @BeforeAll
    void startServer() {
        runner = DockerSessions.start("warm-pool", "--raworc.runner.warm-pool=" + POOL, "--raworc.runner.reconcile-interval=1s");
    }

    @AfterAll
    void removeSessionsAndMembers() {
        if (runner != null) {
            WarmMembers.removeAll(runner.docker);
            runner.close();
        }
    }

    @Test
    void aNewSessionTakesAReadyContainerWhichGetsItsEnvironmentWithEachTask() {
        Set<String> warm = awaitFullPool();
        String key = "WARM_SECRET_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        // set after the members were warmed: it reaches the first task all the same
        assertThat(runner.api.postJson("/api/v0/secrets", runner.token, "{\"key\":\"" + key + "\",\"value\":\"it's fresh\"}").status())
                .isEqualTo(201);

        String id = runner.create();
        String container = runner.awaitState(id, "idle").get("container_id").asString();

        assertThat(warm).contains(container);
        assertThat(runner.docker.inspectContainerCmd(container).exec().getName()).isEqualTo("/" + Containers.containerName(UUID.fromString(id)));
        assertThat(runner.ask(id, "echo $RAWORC_SESSION_ID $RAWORC_SPACE $" + key).get("content").asString())
                .isEqualTo(id + " default it's fresh");
        assertThat(runner.ask(id, ". /session/.raworc/environment; echo $" + key + " $RAWORC_SESSION_ID; stat -c %a /session/.raworc/environment")
                .get("content").asString()).isEqualTo("it's fresh " + id + "\n600");
        assertThat(awaitFullPool()).doesNotContain(container);
    }

    @Test
    void raworcsOwnDirectoryIsNeitherListedNorCheckpointedNorReachable() {
        String id = runner.create();
        runner.awaitState(id, "idle");
        runner.ask(id, "echo mine > /session/mine.txt");
        Eventually.await(DockerSessions.READY, "the checkpoint", () ->
                runner.api.get("/api/v0/sessions/" + id + "/files/mine.txt", runner.token).status() == 200);

        assertThat(runner.api.get("/api/v0/sessions/" + id + "/files", runner.token).json().valueStream()
                .map(entry -> entry.get("name").asString()).toList()).containsExactly("mine.txt");
        for (String path : List.of("/files/.raworc/environment", "/files?path=.raworc/")) {
            assertThat(runner.api.get("/api/v0/sessions/" + id + path, runner.token).status()).as(path).isEqualTo(400);
        }
        assertThat(runner.api.send("PUT", "/api/v0/sessions/" + id + "/files/.raworc/environment", runner.token, "text/plain", "x")
                .status()).isEqualTo(400);
    }

    @Test
    void aBurstLargerThanThePoolFallsBackToFreshContainers() {
        Set<String> warm = awaitFullPool();

        List<String> burst = IntStream.range(0, POOL + 2).mapToObj(i -> runner.create()).toList();
        List<String> containers = burst.stream().map(id -> runner.awaitState(id, "idle").get("container_id").asString()).toList();

        assertThat(containers.stream().filter(warm::contains)).hasSize(POOL);
        assertThat(runner.ask(burst.get(POOL + 1), "echo fresh").get("content").asString()).isEqualTo("fresh");
        awaitFullPool();
    }

    @Test
    void aMemberThatNoLongerMatchesOrDiedIsReplacedAndLeftOverVolumesRemoved() {
        Set<String> warm = awaitFullPool();
        String died = warm.iterator().next();
        runner.docker.killContainerCmd(died).exec();
        String stale = WarmMembers.stale(runner.docker, DockerSessions.IMAGE);
        String orphan = WarmMembers.orphanVolume(runner.docker);

        Eventually.await(DockerSessions.READY, "the dead and the stale member and the orphan volume gone, the pool full again", () -> {
            Set<String> now = members();
            return !now.contains(died) && !now.contains(stale) && now.size() == POOL && !runner.volumeNamed(orphan);
        });
    }

    @Test
    void aDeletedSessionTakesItsWarmVolumeWithIt() {
        awaitFullPool();
        String id = runner.create();
        runner.awaitState(id, "idle");
        String volume = runner.server.getBean(SessionVolumes.class).of(UUID.fromString(id));
        assertThat(volume).isNotEqualTo(SessionVolumes.named(UUID.fromString(id)));

        assertThat(runner.api.send("DELETE", "/api/v0/sessions/" + id, runner.token, null, null).status()).isEqualTo(204);

        runner.awaitGone(id);
        Eventually.await(DockerSessions.READY, "the warm volume removed", () -> !runner.volumeNamed(volume));
    }

    /** The running members, once the pool has as many as it should. */
    private Set<String> awaitFullPool() {
        Eventually.await(DockerSessions.READY, "a full warm pool", () -> members().size() == POOL
                && runner.server.getBean(WarmPool.class).size() == POOL);
        return members();
    }

    private Set<String> members() {
        return runner.docker.listContainersCmd().withLabelFilter(Map.of(Containers.RUNNER_LABEL, "default")).exec().stream()
                .filter(container -> container.getLabels().containsKey(WarmPool.WARM_LABEL))
                .filter(container -> container.getNames()[0].startsWith("/raworc-warm-"))
                .map(Container::getId).collect(Collectors.toSet());
    }
}
