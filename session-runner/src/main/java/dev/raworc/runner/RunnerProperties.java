package dev.raworc.runner;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the runner drives containers ({@code raworc.runner.*}, e.g. {@code RAWORC_RUNNER_MEMORY}).
 *
 * @param apiUrl        the API as agents inside containers reach it ({@code RAWORC_API_URL})
 * @param agentCommand  what runs a task inside the container, the task on its standard input
 * @param agentTimeout  how long one task may run before its reply is an error
 * @param cpus          CPUs per container
 * @param memory        memory per container
 * @param pids          processes per container
 * @param idleTimeout   an IDLE session without activity this long is closed ({@code 0}: never)
 * @param reconcileInterval how often the runner compares Docker with the sessions, and checks idleness
 * @param dockerHost    the Docker engine; unset: Docker's usual settings ({@code DOCKER_HOST}, else the local socket)
 * @param restartGrace  after the Docker engine comes back, how long stopped containers are given to
 *                      be restarted by Docker before they count as died
 * @param name          this runner's name ({@code RAWORC_RUNNER_NAME}): sessions are placed on it and
 *                      its containers and volumes carry it as a label
 * @param lostAfter     a runner without a heartbeat this long is lost: its live sessions become ERRORED
 * @param heartbeatInterval how often the runner records that it is alive
 * @param warmPool      containers of the default image this runner keeps started and ready for new
 *                      sessions ({@code 0}: none, every session starts its own)
 */
@ConfigurationProperties("raworc.runner")
public record RunnerProperties(
        @DefaultValue("http://host.docker.internal:9000/api/v0") String apiUrl,
        @DefaultValue("raworc-agent") List<String> agentCommand,
        @DefaultValue("10m") Duration agentTimeout,
        @DefaultValue("1.0") double cpus,
        @DefaultValue("1GB") DataSize memory,
        @DefaultValue("512") long pids,
        @DefaultValue("0s") Duration idleTimeout,
        @DefaultValue("5s") Duration reconcileInterval,
        @DefaultValue("15s") Duration restartGrace,
        String dockerHost,
        @DefaultValue("default") String name,
        @DefaultValue("60s") Duration lostAfter,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("2") int warmPool) {

    /** The runner that adopts containers and volumes from before runners had names. */
    public static final String DEFAULT_NAME = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");

    public RunnerProperties {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("RAWORC_RUNNER_NAME '" + name + "' is not a runner name: use 1 to 63 of "
                    + "a-z, 0-9, '_', '.', '-', starting with a letter or digit");
        }
        if (warmPool < 0) {
            throw new IllegalArgumentException("RAWORC_RUNNER_WARM_POOL (" + warmPool + ") must be 0 (off) or more");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || heartbeatInterval.compareTo(lostAfter) >= 0) {
            throw new IllegalArgumentException("RAWORC_RUNNER_LOST_AFTER (" + lostAfter + ") must be longer than "
                    + "RAWORC_RUNNER_HEARTBEAT_INTERVAL (" + heartbeatInterval + "), and both positive");
        }
    }

    /** Whether this runner owns a container or volume with this runner label (none: from before names). */
    public boolean owns(String runnerLabel) {
        return name.equals(runnerLabel == null ? DEFAULT_NAME : runnerLabel);
    }
}
