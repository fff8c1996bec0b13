package dev.raworc.command.secret;

import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.secret.CreateSecretCommand;
import dev.raworc.api.secret.DeleteSecretCommand;
import dev.raworc.api.secret.SecretValue;
import dev.raworc.api.secret.SecretView;
import dev.raworc.api.secret.UpdateSecretCommand;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SecretTargets;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.web.SensitiveInput;

import dev.raworc.command.CommandEndpoint;

/**
 * The writes of a space's secrets, in both path forms: {@code /spaces/{space}/secrets} and
 * {@code /secrets?space=} (space {@code default} when not given).
 */
@CommandEndpoint
@RestController
class SecretController {

    static final int MAX_VALUE_LENGTH = 65_536;

    record CreateRequest(
            @NotNull @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,127}",
                    message = "must be 1-128 characters of letters, digits and '_', not starting with a digit") String key,
            @NotNull String value,
            @Size(max = 1024) String description) {

        @Override
        public String toString() {
            return "CreateRequest[key=" + key + "]";
        }
    }

    record UpdateRequest(String value, @Size(max = 1024) String description) {

        @Override
        public String toString() {
            return "UpdateRequest[redacted]";
        }
    }

    private final Writes writes;
    private final NameClaims names;
    private final SecretTargets targets;
    private final AggregateViews views;

    SecretController(Writes writes, NameClaims names, SecretTargets targets, AggregateViews views) {
        this.writes = writes;
        this.names = names;
        this.targets = targets;
        this.views = views;
    }

    @PostMapping({"/spaces/{space}/secrets", "/secrets"})
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.CREATE)
    @Operation(summary = "Create a secret in a space; its value is encrypted at rest")
    ResponseEntity<SecretView> create(@PathVariable(required = false) String space,
                                      @RequestParam(name = "space", required = false) String spaceParameter,
                                      @Valid @RequestBody CreateRequest request) {
        SensitiveInput.requireLength(request.value(), "value", 0, MAX_VALUE_LENGTH);
        String inSpace = targets.existingSpace(space, spaceParameter);
        UUID id = UUID.randomUUID();
        writes.send(new CreateSecretCommand(id, inSpace, request.key(), new SecretValue(request.value()),
                request.description()));
        SecretView created = views.view(Secret.class, id, Secret::view);
        return ResponseEntity.created(URI.create("/api/v0/spaces/" + inSpace + "/secrets/" + request.key())).body(created);
    }

    @PutMapping({"/spaces/{space}/secrets/{key}", "/secrets/{key}"})
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.UPDATE)
    @Operation(summary = "Change a secret's value or description")
    SecretView update(@PathVariable(required = false) String space,
                      @RequestParam(name = "space", required = false) String spaceParameter,
                      @PathVariable String key, @Valid @RequestBody UpdateRequest request) {
        SensitiveInput.requireLength(request.value(), "value", 0, MAX_VALUE_LENGTH);
        String inSpace = SecretTargets.spaceOf(space, spaceParameter);
        UUID id = existing(names, inSpace, key);
        writes.send(new UpdateSecretCommand(id, request.value() == null ? null : new SecretValue(request.value()),
                request.description()));
        return views.view(Secret.class, id, Secret::view);
    }

    @DeleteMapping({"/spaces/{space}/secrets/{key}", "/secrets/{key}"})
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a secret; its values become unrecoverable, also from the event history")
    void delete(@PathVariable(required = false) String space,
                @RequestParam(name = "space", required = false) String spaceParameter, @PathVariable String key) {
        writes.send(new DeleteSecretCommand(existing(names, SecretTargets.spaceOf(space, spaceParameter), key)));
    }

    static UUID existing(NameClaims names, String space, String key) {
        return names.owner(NameClaims.Kind.SECRET, space + "/" + key)
                .orElseThrow(() -> DomainException.notFound("Secret '" + key + "' not found in space '" + space + "'"));
    }
}
