package dev.raworc.command.secret;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.secret.RecordSecretDisclosureCommand;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SecretTargets;
import dev.raworc.platform.access.Target;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

import dev.raworc.command.CommandEndpoint;

/**
 * The reads of secrets with {@code show_values=true}: a disclosure is a write (its audit event
 * comes first), so the command side serves it from its own state; the query side serves the rest.
 * Values need {@code read-values} permission in the space.
 */
@CommandEndpoint
@RestController
class SecretDisclosureController {

    private final ClaimedSecrets claimed;
    private final NameClaims names;
    private final SecretTargets targets;
    private final PermissionEvaluator permissions;
    private final SecretVault vault;
    private final CommandGateway commands;
    private final AggregateViews views;

    SecretDisclosureController(ClaimedSecrets claimed, NameClaims names, SecretTargets targets,
                               PermissionEvaluator permissions, SecretVault vault, CommandGateway commands,
                               AggregateViews views) {
        this.claimed = claimed;
        this.names = names;
        this.targets = targets;
        this.permissions = permissions;
        this.vault = vault;
        this.commands = commands;
        this.views = views;
    }

    @GetMapping(value = {"/spaces/{space}/secrets", "/secrets"}, params = "show_values=true")
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.LIST)
    @Operation(summary = "List a space's secrets with their values (read-values permission)")
    Page<DisclosedSecret> list(@PathVariable(required = false) String space,
                               @RequestParam(name = "space", required = false) String spaceParameter,
                               ListScope scope, PageRequest page, @AuthenticationPrincipal AuthenticatedAccount caller) {
        String inSpace = targets.existingSpace(space, spaceParameter);
        if (!scope.coversSpace(inSpace)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Not permitted to list secrets in space '" + inSpace + "'");
        }
        requireReadValues(caller, inSpace, null);
        return claimed.list(inSpace, scope, page).map(id -> disclose(id, caller));
    }

    @GetMapping(value = {"/spaces/{space}/secrets/{key}", "/secrets/{key}"}, params = "show_values=true")
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.GET)
    @Operation(summary = "A secret with its value (read-values permission)")
    DisclosedSecret get(@PathVariable(required = false) String space,
                        @RequestParam(name = "space", required = false) String spaceParameter,
                        @PathVariable String key, @AuthenticationPrincipal AuthenticatedAccount caller) {
        String inSpace = SecretTargets.spaceOf(space, spaceParameter);
        requireReadValues(caller, inSpace, key);
        return disclose(SecretController.existing(names, inSpace, key), caller);
    }

    private void requireReadValues(AuthenticatedAccount caller, String space, String key) {
        permissions.of(caller).require(Resource.SECRETS, Verb.READ_VALUES, new Target(space, key));
    }

    /** Records the disclosure before the value leaves: no value is shown without its audit event. */
    private DisclosedSecret disclose(UUID id, AuthenticatedAccount caller) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordSecretDisclosureCommand(id))
                .andMetaData(Map.of(MetaDataKeys.PRINCIPAL, caller.user())));
        return views.view(Secret.class, id, secret -> DisclosedSecret.of(secret.view(), vault.open(id, secret.sealedValue())
                .orElseThrow(() -> DomainException.notFound("Secret '" + secret.view().key() + "' no longer exists"))));
    }
}
