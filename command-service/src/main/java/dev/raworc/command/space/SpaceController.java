package dev.raworc.command.space;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.Names;
import dev.raworc.api.space.CreateSpaceCommand;
import dev.raworc.api.space.DeleteSpaceCommand;
import dev.raworc.api.space.SpaceView;
import dev.raworc.api.space.UpdateSpaceCommand;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.storage.NameClaims;

import dev.raworc.command.CommandEndpoint;

/** The writes of {@code /spaces}; each answers from the space aggregate, needing no query side. */
@CommandEndpoint
@RestController
class SpaceController {

    record CreateRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}", message = Names.NAME_RULE) String name,
            @Size(max = 1024) String description,
            Map<String, Object> settings) {
    }

    record UpdateRequest(@Size(max = 1024) String description, Map<String, Object> settings, Boolean active) {
    }

    private final Writes writes;
    private final NameClaims names;
    private final AggregateViews views;

    SpaceController(Writes writes, NameClaims names, AggregateViews views) {
        this.writes = writes;
        this.names = names;
        this.views = views;
    }

    @PostMapping("/spaces")
    @RequiresPermission(resource = Resource.SPACES, verb = Verb.CREATE)
    @Operation(summary = "Create a space")
    ResponseEntity<SpaceView> create(@Valid @RequestBody CreateRequest request) {
        UUID id = UUID.randomUUID();
        writes.send(new CreateSpaceCommand(id, request.name(), request.description(), request.settings()));
        SpaceView created = views.view(Space.class, id, Space::view);
        return ResponseEntity.created(URI.create("/api/v0/spaces/" + request.name())).body(created);
    }

    @PutMapping("/spaces/{name}")
    @RequiresPermission(resource = Resource.SPACES, verb = Verb.UPDATE)
    @Operation(summary = "Change a space's description or settings, or activate/deactivate it")
    SpaceView update(@PathVariable String name, @Valid @RequestBody UpdateRequest request) {
        UUID id = existing(name);
        writes.send(new UpdateSpaceCommand(id, request.description(), request.settings(), request.active()));
        return views.view(Space.class, id, Space::view);
    }

    @DeleteMapping("/spaces/{name}")
    @RequiresPermission(resource = Resource.SPACES, verb = Verb.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a space; refused while it holds sessions, and for 'default'")
    void delete(@PathVariable String name) {
        writes.send(new DeleteSpaceCommand(existing(name)));
    }

    private UUID existing(String name) {
        return names.owner(NameClaims.Kind.SPACE, name)
                .orElseThrow(() -> DomainException.notFound("Space '" + name + "' not found"));
    }
}
