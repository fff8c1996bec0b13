package dev.raworc.runner.session;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.PostMessageCommand;
import dev.raworc.api.session.SessionState;
import dev.raworc.runner.RunnerProperties;
import dev.raworc.runner.docker.AgentExecs;
import dev.raworc.runner.docker.AgentRun;

/**
 * Hands each task (a USER message) to the agent, in seq order, one at a time per session, and
 * posts its reply: BUSY while any is waiting or running, IDLE when none is left. A task is handed
 * over once, however often its event arrives; one whose container is not running yet is left to
 * the container's start.
 */
@Component
class TaskHandOffs {

    private static final Logger log = LoggerFactory.getLogger(TaskHandOffs.class);

    private final SessionWork work;
    private final AgentExecs agents;
    private final AgentEnvironment environment;
    private final Placements placements;
    private final LiveOutputs liveOutputs;
    private final TaskOutcomes outcomes;
    private final SessionFilesRunner files;
    private final RunnerCommands commands;
    private final RecordedSessions recorded;
    private final RunnerProperties properties;
    private final Set<String> handedOff = ConcurrentHashMap.newKeySet();
    private final Map<UUID, AtomicInteger> tasksWaiting = new ConcurrentHashMap<>();

    TaskHandOffs(SessionWork work, AgentExecs agents, AgentEnvironment environment, Placements placements, LiveOutputs liveOutputs,
                 TaskOutcomes outcomes, SessionFilesRunner files, RunnerCommands commands, RecordedSessions recorded,
                 RunnerProperties properties) {
        this.work = work;
        this.agents = agents;
        this.environment = environment;
        this.placements = placements;
        this.liveOutputs = liveOutputs;
        this.outcomes = outcomes;
        this.files = files;
        this.commands = commands;
        this.recorded = recorded;
        this.properties = properties;
    }

    void inTurn(MessagePostedEvent event) {
        if (!handedOff.add(event.sessionId() + "/" + event.seq())) {
            return;
        }
        tasksWaiting.computeIfAbsent(event.sessionId(), id -> new AtomicInteger()).incrementAndGet();
        work.submit(event.sessionId(), "task " + event.seq(), () -> handOff(event));
    }

    /**
     * Catches up a session whose work was lost (the runner stopped mid-task, say): its unanswered
     * USER messages are handed over again, in order, and a BUSY session with none left is IDLE.
     */
    void resume(UUID sessionId, boolean busyWithATask) {
        work.submit(sessionId, "resume", () -> {
            AtomicInteger waiting = tasksWaiting.get(sessionId);
            if (waiting != null && waiting.get() > 0) {
                return; // its work is under way
            }
            var unanswered = recorded.read(sessionId).unanswered();
            if (unanswered.isEmpty() && busyWithATask) {
                commands.changeState(sessionId, SessionState.IDLE, "no task left");
            }
            unanswered.forEach(this::inTurn);
        });
    }

    /**
     * Runs the task; BUSY is recorded while the agent starts, and before its reply. The run ends
     * with a scan of the files, which the checkpoint after the reply uses.
     */
    private void handOff(MessagePostedEvent task) {
        UUID sessionId = task.sessionId();
        long started = System.nanoTime();
        Optional<AgentExecs.Prepared> prepared = agents.prepare(sessionId, task.content(),
                environment.of(sessionId, placements.spaceOf(sessionId)));
        if (prepared.isEmpty()) { // not started yet: its start hands the task over
            handedOff.remove(sessionId + "/" + task.seq());
            tasksWaiting.get(sessionId).decrementAndGet();
            return;
        }
        AgentRun run = null;
        try {
            CompletableFuture<Void> busy = CompletableFuture.runAsync(
                    () -> commands.changeState(sessionId, SessionState.BUSY, "task " + task.seq()));
            try (LiveOutput live = liveOutputs.open(sessionId, task.seq())) {
                run = agents.run(prepared.get(), properties.agentTimeout(), live);
            } finally {
                busy.join();
            }
            outcomes.ran(run);
            AgentReply reply = AgentReply.of(task, run);
            commands.send(new PostMessageCommand(sessionId, UUID.randomUUID(), MessageRole.AGENT, reply.content(), reply.metadata()));
            files.checkpointAfterTask(sessionId, run.scan().join()); // the reply is out: the scan may finish meanwhile
        } catch (NotFoundException | DomainException gone) {
            if (run == null) {
                outcomes.couldNotRun(started);
            }
            log.info("Task {} of session {} not handed over: the session has no running container", task.seq(), sessionId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (tasksWaiting.get(sessionId).decrementAndGet() == 0) {
                commands.changeState(sessionId, SessionState.IDLE, null);
            }
        }
    }
}
