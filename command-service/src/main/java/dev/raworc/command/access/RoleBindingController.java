package dev.raworc.command.access;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.DeleteRoleBindingCommand;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.RoleBindingView;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.security.StoredCredentials;
import dev.raworc.platform.storage.Ids;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.web.ApiException;

import dev.raworc.command.CommandEndpoint;

/** The writes of {@code /role-bindings}. Role, principal and space must exist (422 otherwise). */
@CommandEndpoint
@RestController
class RoleBindingController {

    record CreateRequest(@NotNull String roleName, @NotNull String principal, String principalType, String space) {
    }

    private final Writes writes;
    private final NameClaims names;
    private final AccountCredentials credentials;
    private final AggregateViews views;

    RoleBindingController(Writes writes, NameClaims names, AccountCredentials credentials, AggregateViews views) {
        this.writes = writes;
        this.names = names;
        this.credentials = credentials;
        this.views = views;
    }

    @PostMapping("/role-bindings")
    @RequiresPermission(resource = Resource.ROLE_BINDINGS, verb = Verb.CREATE)
    @Operation(summary = "Bind a role to a service account, globally or in one space")
    ResponseEntity<RoleBindingView> create(@Valid @RequestBody CreateRequest request) {
        if (request.principalType() != null && !PrincipalType.ServiceAccount.name().equals(request.principalType())) {
            throw ApiException.invalidField("principal_type", "must be 'ServiceAccount'");
        }
        UUID roleId = names.owner(NameClaims.Kind.ROLE, request.roleName())
                .orElseThrow(() -> ApiException.invalidField("role_name", "no role named '" + request.roleName() + "'"));
        StoredCredentials principal = credentials.findByUser(request.principal())
                .orElseThrow(() -> ApiException.invalidField("principal", "no service account named '" + request.principal() + "'"));
        if (request.space() != null && names.owner(NameClaims.Kind.SPACE, request.space()).isEmpty()) {
            throw ApiException.invalidField("space", "no space named '" + request.space() + "'");
        }
        UUID id = UUID.randomUUID();
        writes.send(new CreateRoleBindingCommand(id, roleId, request.roleName(),
                principal.accountId(), principal.user(), PrincipalType.ServiceAccount, request.space()));
        RoleBindingView created = views.view(RoleBinding.class, id, RoleBinding::view);
        return ResponseEntity.created(URI.create("/api/v0/role-bindings/" + id)).body(created);
    }

    @DeleteMapping("/role-bindings/{id}")
    @RequiresPermission(resource = Resource.ROLE_BINDINGS, verb = Verb.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a role binding")
    void delete(@PathVariable String id) {
        UUID bindingId = Ids.parse(id).filter(binding -> names.name(NameClaims.Kind.ROLE_BINDING, binding).isPresent())
                .orElseThrow(() -> DomainException.notFound("Role binding '" + id + "' not found"));
        writes.send(new DeleteRoleBindingCommand(bindingId));
    }

}
