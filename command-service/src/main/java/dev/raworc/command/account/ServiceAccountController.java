package dev.raworc.command.account;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.Names;
import dev.raworc.api.account.ChangeServiceAccountPasswordCommand;
import dev.raworc.api.account.CreateServiceAccountCommand;
import dev.raworc.api.account.DeleteServiceAccountCommand;
import dev.raworc.api.account.ServiceAccountView;
import dev.raworc.api.account.UpdateServiceAccountCommand;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.access.AnyAuthenticated;
import dev.raworc.platform.access.CallerPermissions;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Target;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.security.PasswordPolicy;
import dev.raworc.platform.security.StoredCredentials;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.SensitiveInput;

import dev.raworc.command.CommandEndpoint;

/** The writes of {@code /service-accounts}. */
@CommandEndpoint
@RestController
class ServiceAccountController {

    record CreateRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}", message = Names.NAME_RULE) String user,
            @NotNull String pass,
            @Size(max = 1024) String description) {

        @Override
        public String toString() {
            return "CreateRequest[user=" + user + "]";
        }
    }

    record UpdateRequest(@Size(max = 1024) String description, Boolean active) {
    }

    record PasswordRequest(
            String currentPassword,
            @NotNull String newPassword) {

        @Override
        public String toString() {
            return "PasswordRequest[redacted]";
        }
    }

    private final Writes writes;
    private final AccountCredentials credentials;
    private final PasswordPolicy passwords;
    private final PermissionEvaluator permissions;
    private final AggregateViews views;

    ServiceAccountController(Writes writes, AccountCredentials credentials, PasswordPolicy passwords,
                             PermissionEvaluator permissions, AggregateViews views) {
        this.writes = writes;
        this.credentials = credentials;
        this.passwords = passwords;
        this.permissions = permissions;
        this.views = views;
    }

    @PostMapping("/service-accounts")
    @RequiresPermission(resource = Resource.SERVICE_ACCOUNTS, verb = Verb.CREATE)
    @Operation(summary = "Create a service account")
    ResponseEntity<ServiceAccountView> create(@Valid @RequestBody CreateRequest request) {
        SensitiveInput.requireLength(request.pass(), "pass", PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH);
        UUID id = UUID.randomUUID();
        writes.send(new CreateServiceAccountCommand(id, request.user(), passwords.hash(request.pass()), request.description()));
        ServiceAccountView created = views.view(ServiceAccount.class, id, ServiceAccount::view);
        return ResponseEntity.created(URI.create("/api/v0/service-accounts/" + id)).body(created);
    }

    @PutMapping("/service-accounts/{id}")
    @RequiresPermission(resource = Resource.SERVICE_ACCOUNTS, verb = Verb.UPDATE)
    @Operation(summary = "Change a service account's description or activate/deactivate it")
    ServiceAccountView update(@PathVariable String id, @Valid @RequestBody UpdateRequest request) {
        UUID accountId = existing(id).accountId();
        writes.send(new UpdateServiceAccountCommand(accountId, request.description(), request.active()));
        return views.view(ServiceAccount.class, accountId, ServiceAccount::view);
    }

    @DeleteMapping("/service-accounts/{id}")
    @RequiresPermission(resource = Resource.SERVICE_ACCOUNTS, verb = Verb.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a service account and its role bindings")
    void delete(@PathVariable String id) {
        writes.send(new DeleteServiceAccountCommand(existing(id).accountId()));
    }

    /**
     * An account changing its own password proves it with the current one; changing another's
     * takes {@code update} permission on that account instead.
     */
    @PutMapping("/service-accounts/{id}/password")
    @AnyAuthenticated
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change a service account's password; every token issued before stops working")
    void changePassword(@PathVariable String id, @Valid @RequestBody PasswordRequest request,
                        @AuthenticationPrincipal AuthenticatedAccount caller) {
        SensitiveInput.requireLength(request.newPassword(), "new_password", PasswordPolicy.MIN_LENGTH,
                PasswordPolicy.MAX_LENGTH);
        boolean ownAccount = id.equals(caller.user()) || id.equals(caller.accountId().toString());
        CallerPermissions permitted = permissions.of(caller);
        if (!ownAccount && !permitted.allowsSomewhere(Resource.SERVICE_ACCOUNTS, Verb.UPDATE)) {
            // refused before the lookup, so the answer does not tell which accounts exist
            throw new ApiException(ErrorCode.FORBIDDEN, "Not permitted to update service-accounts");
        }
        StoredCredentials target = existing(id);
        if (target.accountId().equals(caller.accountId())) {
            if (request.currentPassword() == null) {
                throw new ApiException(ErrorCode.VALIDATION_ERROR,
                        "current_password is required to change your own password");
            }
            if (!passwords.matches(request.currentPassword(), target.passwordHash())) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "Current password is incorrect");
            }
        } else {
            permitted.require(Resource.SERVICE_ACCOUNTS, Verb.UPDATE, new Target(null, target.user()));
        }
        writes.send(new ChangeServiceAccountPasswordCommand(target.accountId(), passwords.hash(request.newPassword())));
    }

    private StoredCredentials existing(String id) {
        return credentials.findByIdOrUser(id)
                .orElseThrow(() -> DomainException.notFound("Service account '" + id + "' not found"));
    }
}
