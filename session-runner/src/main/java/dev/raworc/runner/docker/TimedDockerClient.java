package dev.raworc.runner.docker;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.dockerjava.transport.DockerHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every call to the Docker engine as {@code raworc_runner_docker_seconds}, tagged with the
 * API operation ({@code POST /containers/{id}/start}: ids and names left out, so the series stay
 * few) and its outcome: {@code success}, {@code not_found} (often expected: Docker calls are
 * idempotent here), {@code error} (another status, or no answer at all).
 */
final class TimedDockerClient implements DockerHttpClient {

    private static final Pattern VERSION = Pattern.compile("^/v[0-9.]+/");
    /** API resources whose second path segment is an id or a name, unless it is one of {@link #VERBS}. */
    private static final Set<String> RESOURCES = Set.of("containers", "exec", "volumes", "networks", "images");
    private static final Set<String> VERBS = Set.of("create", "json", "prune", "load", "search");

    private final DockerHttpClient delegate;
    private final MeterRegistry registry;

    TimedDockerClient(DockerHttpClient delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public Response execute(Request request) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            Response response = delegate.execute(request);
            int status = response.getStatusCode();
            outcome = status < 400 ? "success" : status == 404 ? "not_found" : "error";
            return response;
        } finally {
            Timer.builder("raworc.runner.docker")
                    .description("Calls to the Docker engine")
                    .tag("operation", operation(request.method(), request.path()))
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    static String operation(String method, String path) {
        String bare = VERSION.matcher(path.split("\\?", 2)[0]).replaceFirst("/");
        String[] parts = bare.split("/");
        if (parts.length < 3 || !RESOURCES.contains(parts[1]) || VERBS.contains(parts[2])) {
            return method + " " + bare;
        }
        // an image's name may hold slashes itself: only a last segment that is an action stays
        boolean image = parts[1].equals("images");
        String action = parts.length > 3 && (!image || parts[parts.length - 1].equals("json"))
                ? "/" + String.join("/", Arrays.copyOfRange(parts, image ? parts.length - 1 : 3, parts.length))
                : "";
        return method + " /" + parts[1] + "/{id}" + action;
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
