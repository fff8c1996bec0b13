package dev.raworc.command.access;

import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.Names;
import dev.raworc.api.access.CreateRoleCommand;
import dev.raworc.api.access.DeleteRoleCommand;
import dev.raworc.api.access.RoleView;
import dev.raworc.api.access.Rule;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.storage.NameClaims;

import dev.raworc.command.CommandEndpoint;

/** The writes of {@code /roles}. */
@CommandEndpoint
@RestController
class RoleController {

    record RuleRequest(@NotNull List<String> apiGroups, @NotNull List<String> resources, @NotNull List<String> verbs,
                       List<String> resourceNames) {

        Rule toRule() {
            return new Rule(apiGroups, resources, verbs, resourceNames);
        }
    }

    record CreateRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}", message = Names.NAME_RULE) String name,
            @Size(max = 1024) String description,
            @NotNull List<@NotNull @Valid RuleRequest> rules) {
    }

    private final Writes writes;
    private final NameClaims names;
    private final AggregateViews views;

    RoleController(Writes writes, NameClaims names, AggregateViews views) {
        this.writes = writes;
        this.names = names;
        this.views = views;
    }

    @PostMapping("/roles")
    @RequiresPermission(resource = Resource.ROLES, verb = Verb.CREATE)
    @Operation(summary = "Create a role")
    ResponseEntity<RoleView> create(@Valid @RequestBody CreateRequest request) {
        List<Rule> rules = request.rules().stream().map(RuleRequest::toRule).toList();
        RuleValidation.requireKnown(rules);
        UUID id = UUID.randomUUID();
        writes.send(new CreateRoleCommand(id, request.name(), request.description(), rules, false));
        RoleView created = views.view(Role.class, id, Role::view);
        return ResponseEntity.created(URI.create("/api/v0/roles/" + id)).body(created);
    }

    @DeleteMapping("/roles/{id}")
    @RequiresPermission(resource = Resource.ROLES, verb = Verb.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a role and every binding to it")
    void delete(@PathVariable String id) {
        UUID roleId = names.ownerOfIdOrName(NameClaims.Kind.ROLE, id)
                .orElseThrow(() -> DomainException.notFound("Role '" + id + "' not found"));
        writes.send(new DeleteRoleCommand(roleId));
    }
}
