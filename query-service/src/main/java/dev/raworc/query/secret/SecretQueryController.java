package dev.raworc.query.secret;

import java.util.Map;

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
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SecretTargets;
import dev.raworc.platform.access.Target;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * The reads of a space's secrets, in both path forms. Values are shown only with
 * {@code show_values=true} and {@code read-values} permission in the space, and every value
 * shown is first recorded as a disclosure event naming who saw it.
 */
@RestController
class SecretQueryController {

    private final SecretViews views;
    private final SecretTargets targets;
    private final PermissionEvaluator permissions;
    private final SecretVault vault;
    private final CommandGateway commands;

    SecretQueryController(SecretViews views, SecretTargets targets, PermissionEvaluator permissions, SecretVault vault,
                          CommandGateway commands) {
        this.views = views;
        this.targets = targets;
        this.permissions = permissions;
        this.vault = vault;
        this.commands = commands;
    }

    @GetMapping({"/spaces/{space}/secrets", "/secrets"})
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.LIST)
    @Operation(summary = "List a space's secrets by key; values only with show_values=true and read-values permission")
    Page<?> list(@PathVariable(required = false) String space,
                 @RequestParam(name = "space", required = false) String spaceParameter,
                 @RequestParam(name = "show_values", defaultValue = "false") boolean showValues,
                 ListScope scope, PageRequest page, @AuthenticationPrincipal AuthenticatedAccount caller) {
        String inSpace = targets.existingSpace(space, spaceParameter);
        if (!scope.coversSpace(inSpace)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Not permitted to list secrets in space '" + inSpace + "'");
        }
        if (showValues) {
            requireReadValues(caller, inSpace, null);
        }
        Page<SecretViews.StoredSecret> secrets = views.list(inSpace, scope, page);
        return showValues ? secrets.map(secret -> disclose(secret, caller)) : secrets.map(SecretViews.StoredSecret::view);
    }

    @GetMapping({"/spaces/{space}/secrets/{key}", "/secrets/{key}"})
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.GET)
    @Operation(summary = "A secret's metadata; its value only with show_values=true and read-values permission")
    Object get(@PathVariable(required = false) String space,
               @RequestParam(name = "space", required = false) String spaceParameter,
               @PathVariable String key,
               @RequestParam(name = "show_values", defaultValue = "false") boolean showValues,
               @AuthenticationPrincipal AuthenticatedAccount caller) {
        String inSpace = SecretTargets.spaceOf(space, spaceParameter);
        if (showValues) {
            requireReadValues(caller, inSpace, key);
        }
        SecretViews.StoredSecret secret = views.find(inSpace, key)
                .orElseThrow(() -> DomainException.notFound("Secret '" + key + "' not found in space '" + inSpace + "'"));
        return showValues ? disclose(secret, caller) : secret.view();
    }

    private void requireReadValues(AuthenticatedAccount caller, String space, String key) {
        permissions.of(caller).require(Resource.SECRETS, Verb.READ_VALUES, new Target(space, key));
    }

    /** Records the disclosure before the value leaves: no value is shown without its audit event. */
    private DisclosedSecret disclose(SecretViews.StoredSecret secret, AuthenticatedAccount caller) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordSecretDisclosureCommand(secret.id()))
                .andMetaData(Map.of(MetaDataKeys.PRINCIPAL, caller.user())));
        String value = vault.open(secret.id(), secret.sealed())
                .orElseThrow(() -> DomainException.notFound("Secret '" + secret.view().key() + "' no longer exists"));
        return DisclosedSecret.of(secret.view(), value);
    }
}
