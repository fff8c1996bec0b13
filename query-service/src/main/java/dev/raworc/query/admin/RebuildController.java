package dev.raworc.query.admin;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.platform.access.AdminOnly;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * {@code POST /admin/rebuild} drops every read model and rebuilds it from the event store: it
 * answers 202 at once, with the rebuild's {@code Location}, or with {@code ?wait=true} once the
 * read models have caught up. While it runs, reads see partial data.
 */
@RestController
class RebuildController {

    /** How long {@code ?wait=true} holds the request before it answers 202 like a rebuild without it. */
    static final Duration WAIT_LIMIT = Duration.ofMinutes(10);

    private final Rebuilds rebuilds;

    RebuildController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    static String location(UUID id) {
        return "/api/v0/admin/rebuilds/" + id;
    }

    @PostMapping("/admin/rebuild")
    @AdminOnly
    @Operation(summary = "Rebuild every read model from the event store (administrators only)",
            description = "202 with the rebuild's Location at once; with wait=true, 200 once done (202 if still running after "
                    + "10 minutes). 409 while another rebuild runs.")
    ResponseEntity<RebuildStatus> rebuild(
            @Parameter(description = "Answer once the read models have caught up")
            @RequestParam(defaultValue = "false") boolean wait) throws InterruptedException {
        RebuildStatus status = rebuilds.start();
        if (!wait) {
            return accepted(status);
        }
        status = rebuilds.awaitEnd(status.id(), WAIT_LIMIT);
        return switch (status.state()) {
            case "done" -> ResponseEntity.ok(status);
            case "failed" -> throw new ApiException(ErrorCode.INTERNAL_ERROR, "The rebuild failed: " + status.error());
            default -> accepted(status);
        };
    }

    private static ResponseEntity<RebuildStatus> accepted(RebuildStatus status) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(location(status.id()))).body(status);
    }

    @GetMapping("/admin/rebuilds/{id}")
    @AdminOnly
    @Operation(summary = "A rebuild's progress: each group's position against the head, events per second, done or failed")
    RebuildStatus rebuild(@PathVariable UUID id) {
        return rebuilds.status(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No rebuild " + id));
    }
}
