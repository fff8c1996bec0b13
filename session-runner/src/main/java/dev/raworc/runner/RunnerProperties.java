package dev.raworc.runner;

import java.time.Duration;
import java.util.List;

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
        String dockerHost) {
}
