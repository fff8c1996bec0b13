package dev.raworc.command.session;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import dev.raworc.api.files.ExpireCheckpointsCommand;
import dev.raworc.platform.ConditionalOnSide;
import dev.raworc.platform.Side;
import dev.raworc.platform.content.CheckpointContents;
import dev.raworc.platform.content.ContentSweep;
import dev.raworc.platform.content.FilesProperties;

/**
 * Retention of session files, every {@code raworc.files.retention-interval}: each session lets go
 * of the checkpoints beyond its newest {@code keep-last} that are older than {@code keep-newer-than}
 * (through its history, so remixes from them are refused), then the content store sweeps what no
 * kept checkpoint or waiting upload names. Command processes may all run it: both steps are idempotent.
 */
@Component
@ConditionalOnSide(Side.COMMAND)
@EnableScheduling
class CheckpointRetention implements SchedulingConfigurer, DisposableBean {

    record Result(int sessions, ContentSweep.Swept swept) {
    }

    private static final Logger log = LoggerFactory.getLogger(CheckpointRetention.class);

    private final CommandGateway commands;
    private final CheckpointContents contents;
    private final ContentSweep sweep;
    private final FilesProperties properties;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread retention = new Thread(task, "files-retention");
        retention.setDaemon(true);
        return retention;
    });

    CheckpointRetention(CommandGateway commands, CheckpointContents contents, ContentSweep sweep, FilesProperties properties) {
        this.commands = commands;
        this.contents = contents;
        this.sweep = sweep;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setScheduler(thread);
        registrar.addFixedDelayTask(this::runLogged, properties.retentionInterval());
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }

    private void runLogged() {
        try {
            Result result = run(properties.keepLast(), properties.keepNewerThan(), properties.sweepGrace());
            if (result.sessions() > 0 || result.swept().blobs() > 0) {
                log.info("Files retention: {} sessions let go of old checkpoints; swept {} manifests and {} contents",
                        result.sessions(), result.swept().manifests(), result.swept().blobs());
            }
        } catch (RuntimeException e) {
            log.warn("Files retention failed; it runs again in {}", properties.retentionInterval(), e);
        }
    }

    Result run(int keepLast, Duration keepNewerThan, Duration sweepGrace) {
        int expired = 0;
        for (Map.Entry<UUID, Long> session : contents.expirable(keepLast, keepNewerThan).entrySet()) {
            try {
                commands.sendAndWait(new ExpireCheckpointsCommand(session.getKey(), session.getValue()));
                expired++;
            } catch (RuntimeException e) {
                // a session deleted meanwhile: its deletion let go of its checkpoints already
                log.debug("Retention skipped session {}", session.getKey(), e);
            }
        }
        return new Result(expired, sweep.sweep(sweepGrace));
    }
}
