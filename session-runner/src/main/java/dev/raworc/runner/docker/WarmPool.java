package dev.raworc.runner.docker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.raworc.platform.RaworcProperties;
import dev.raworc.runner.RunnerProperties;

/**
 * Containers of the default image, started ahead of need with a volume each, so that a new session
 * takes one instead of waiting for Docker's create and start. A member has no session's
 * environment: that reaches the agent with each task. It is taken by renaming it after the session,
 * whose volume it then is. Members carry a fingerprint of the image and the container settings, and
 * those that no longer match (a new image, other limits), stopped or dead are removed; the pool is
 * refilled in the background after each take and at every reconciliation.
 */
@Component
public class WarmPool {

    /** Marks a member, valued with the fingerprint of what it was made from. */
    public static final String WARM_LABEL = "dev.raworc.warm";
    private static final String PREFIX = "raworc-warm-";
    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);

    private record Member(String containerId, String volume) {
    }

    private final DockerClient docker;
    private final Containers containers;
    private final SessionVolumes volumes;
    private final RunnerProperties properties;
    private final String image;
    private final Deque<Member> ready = new ArrayDeque<>();
    /** Members being taken: out of the pool, not yet sessions' (renamed); a refill leaves them alone. */
    private final Set<String> taking = new HashSet<>();
    private final ExecutorService filler = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "warm-pool");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean refillQueued = new AtomicBoolean();
    /** Whether the members found in Docker at the first refill were taken in; later ones are this process's own. */
    private boolean adopted;

    WarmPool(DockerClient docker, Containers containers, SessionVolumes volumes, RunnerProperties properties, RaworcProperties raworc) {
        this.docker = docker;
        this.containers = containers;
        this.volumes = volumes;
        this.properties = properties;
        this.image = raworc.defaultImage();
    }

    /**
     * A ready member for a new session of this image, renamed after it and its volume recorded as
     * the session's; empty when the image is another or no member is ready (a burst larger than the pool).
     */
    public Optional<String> take(UUID sessionId, String sessionImage) {
        if (!serves(sessionImage)) {
            return Optional.empty();
        }
        try {
            for (Member member = next(); member != null; member = next()) {
                volumes.assign(sessionId, member.volume());
                try {
                    if (Boolean.TRUE.equals(docker.inspectContainerCmd(member.containerId()).exec().getState().getRunning())) {
                        docker.renameContainerCmd(member.containerId()).withName(Containers.containerName(sessionId)).exec();
                        return Optional.of(member.containerId());
                    }
                    removeMember(member);
                } catch (NotFoundException gone) {
                    removeMember(member);
                } catch (ConflictException sessionHasAContainer) { // a redelivered start: the member stays in the pool
                    volumes.forget(sessionId);
                    synchronized (this) {
                        ready.addFirst(member);
                    }
                    return Optional.empty();
                } finally {
                    synchronized (this) {
                        taking.remove(member.containerId());
                    }
                }
                volumes.forget(sessionId);
            }
            return Optional.empty();
        } finally {
            refillSoon();
        }
    }

    private synchronized boolean isBeingTaken(String containerId) {
        return taking.contains(containerId);
    }

    /** Whether the pool keeps containers for sessions of this image. */
    public boolean serves(String sessionImage) {
        return properties.warmPool() > 0 && isPoolImage(sessionImage);
    }

    /** Whether sessions of this image can start warm, here or on a runner with a pool. */
    public boolean isPoolImage(String sessionImage) {
        return image.equals(sessionImage);
    }

    /** How many members are ready now. */
    public synchronized int size() {
        return ready.size();
    }

    private synchronized Member next() {
        Member member = ready.pollFirst();
        if (member != null) {
            taking.add(member.containerId());
        }
        return member;
    }

    @Scheduled(initialDelayString = "0", fixedDelayString = "${raworc.runner.reconcile-interval:5s}")
    void refillSoon() {
        if (refillQueued.compareAndSet(false, true)) {
            filler.execute(() -> {
                refillQueued.set(false);
                try {
                    refill();
                } catch (RuntimeException e) {
                    log.warn("The warm pool could not be refilled: {}", e.toString());
                }
            });
        }
    }

    /** Keeps the members that match and run, removes the others, and starts new ones up to the pool's size. */
    private void refill() {
        String fingerprint = properties.warmPool() == 0 ? null : fingerprint();
        List<Container> found = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Containers.RUNNER_LABEL, properties.name())).exec();
        for (Container container : found) {
            if (container.getLabels() == null || !container.getLabels().containsKey(WARM_LABEL)) {
                continue;
            }
            String name = container.getNames() == null || container.getNames().length == 0 ? "" : container.getNames()[0];
            if (!name.startsWith("/" + PREFIX) || isBeingTaken(container.getId())) {
                continue; // a session's now, or about to be
            }
            Member member = new Member(container.getId(), name.substring(1));
            boolean usable = fingerprint != null && fingerprint.equals(container.getLabels().get(WARM_LABEL))
                    && "running".equals(container.getState()) && volumes.sessionOf(member.volume()).isEmpty();
            synchronized (this) {
                if (!usable) {
                    ready.removeIf(known -> known.containerId().equals(member.containerId()));
                } else if (!adopted && !taking.contains(member.containerId())
                        && ready.stream().noneMatch(known -> known.containerId().equals(member.containerId()))) {
                    ready.addLast(member); // made before this process started
                }
            }
            if (!usable) {
                removeMember(member);
            }
        }
        removeOrphanVolumes(found);
        adopted = true;
        while (fingerprint != null && size() < properties.warmPool()) {
            String name = PREFIX + UUID.randomUUID();
            Map<String, String> labels = Map.of(Containers.MANAGED_LABEL, "true", Containers.RUNNER_LABEL, properties.name(),
                    WARM_LABEL, fingerprint);
            docker.createVolumeCmd().withName(name).withLabels(labels).exec();
            String id = containers.createAndStart(image, name, labels, Map.of("RAWORC_API_URL", properties.apiUrl()), name);
            synchronized (this) {
                ready.addLast(new Member(id, name));
            }
        }
    }

    /** Volumes made for members whose containers are gone (a crash between the two, say) and that no session took. */
    private void removeOrphanVolumes(List<Container> found) {
        Set<String> containers = new HashSet<>();
        found.forEach(container -> containers.add(container.getNames() == null ? "" : container.getNames()[0].substring(1)));
        var listed = docker.listVolumesCmd().withFilter("label", List.of(WARM_LABEL)).exec().getVolumes();
        for (var volume : listed == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : listed) {
            if (properties.name().equals(volume.getLabels().get(Containers.RUNNER_LABEL)) && !containers.contains(volume.getName())
                    && volumes.sessionOf(volume.getName()).isEmpty()) {
                try {
                    docker.removeVolumeCmd(volume.getName()).exec();
                } catch (NotFoundException | ConflictException goneOrInUse) {
                    // a helper may be using it; the next refill looks again
                }
            }
        }
    }

    /** A member's container and volume (named alike), unless the volume became a session's. */
    private void removeMember(Member member) {
        try {
            docker.removeContainerCmd(member.containerId()).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        }
        if (volumes.sessionOf(member.volume()).isEmpty()) {
            try {
                docker.removeVolumeCmd(member.volume()).exec();
            } catch (NotFoundException alreadyGone) {
                // nothing to remove
            }
        }
    }

    /** What a member is made of: the image as it is now (its id, not its tag) and the container settings. */
    private String fingerprint() {
        String made = String.join("|", docker.inspectImageCmd(image).exec().getId(), Double.toString(properties.cpus()),
                Long.toString(properties.memory().toBytes()), Long.toString(properties.pids()), properties.apiUrl());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(made.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
