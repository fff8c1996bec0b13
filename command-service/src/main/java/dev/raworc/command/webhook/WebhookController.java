package dev.raworc.command.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.secret.SecretValue;
import dev.raworc.api.webhook.CreateWebhookCommand;
import dev.raworc.api.webhook.DeleteWebhookCommand;
import dev.raworc.api.webhook.ReplayWebhookCommand;
import dev.raworc.api.webhook.UpdateWebhookCommand;
import dev.raworc.api.webhook.WebhookView;
import dev.raworc.command.AggregateViews;
import dev.raworc.command.CommandEndpoint;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Target;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.storage.Ids;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.webhook.WebhookTargets;

/**
 * The writes of {@code /webhooks}. A webhook's space (none: global) is where permissions look for
 * it, known from the aggregate, so every handler checks its target itself after finding it.
 */
@CommandEndpoint
@RestController
class WebhookController {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    record CreateRequest(@NotNull String url, List<String> eventTypes, String space) {
    }

    record UpdateRequest(String url, List<String> eventTypes, Boolean active) {
    }

    /** The one answer that shows the signing secret: the client must keep it now. */
    record CreatedWebhook(UUID id, String url, List<String> eventTypes, String space, boolean active, String status,
                          Instant createdAt, String createdBy, String secret) {

        static CreatedWebhook of(WebhookView view, String secret) {
            return new CreatedWebhook(view.id(), view.url(), view.eventTypes(), view.space(), view.active(),
                    view.status(), view.createdAt(), view.createdBy(), secret);
        }

        @Override
        public String toString() {
            return "CreatedWebhook[id=" + id + "]";
        }
    }

    record ReplayAnswer(UUID webhookId, long from) {
    }

    private final Writes writes;
    private final AggregateViews views;
    private final PermissionEvaluator permissions;
    private final NameClaims names;
    private final WebhookTargets targets;

    WebhookController(Writes writes, AggregateViews views, PermissionEvaluator permissions, NameClaims names,
                      WebhookTargets targets) {
        this.writes = writes;
        this.views = views;
        this.permissions = permissions;
        this.names = names;
        this.targets = targets;
    }

    @PostMapping("/webhooks")
    @RequiresPermission(resource = Resource.WEBHOOKS, verb = Verb.CREATE, checkedByHandler = true)
    @Operation(summary = "Create a webhook, global or in a space; the answer alone shows its signing secret")
    ResponseEntity<CreatedWebhook> create(@Valid @RequestBody CreateRequest request,
                                          @AuthenticationPrincipal AuthenticatedAccount caller) {
        permissions.of(caller).require(Resource.WEBHOOKS, Verb.CREATE, new Target(request.space(), null));
        if (request.space() != null && names.owner(NameClaims.Kind.SPACE, request.space()).isEmpty()) {
            throw ApiException.invalidField("space", "Space '" + request.space() + "' does not exist");
        }
        targets.check(request.url());
        UUID id = UUID.randomUUID();
        String secret = newSecret();
        writes.send(new CreateWebhookCommand(id, request.url(),
                request.eventTypes() == null ? List.of() : request.eventTypes(), request.space(), new SecretValue(secret)));
        WebhookView created = views.view(Webhook.class, id, Webhook::view);
        return ResponseEntity.created(URI.create("/api/v0/webhooks/" + id)).body(CreatedWebhook.of(created, secret));
    }

    @PutMapping("/webhooks/{id}")
    @RequiresPermission(resource = Resource.WEBHOOKS, verb = Verb.UPDATE, checkedByHandler = true)
    @Operation(summary = "Change a webhook's URL, event types or active flag; a change clears a failing status")
    WebhookView update(@PathVariable String id, @Valid @RequestBody UpdateRequest request,
                       @AuthenticationPrincipal AuthenticatedAccount caller) {
        UUID webhook = permitted(id, Verb.UPDATE, caller);
        if (request.url() != null) {
            targets.check(request.url());
        }
        writes.send(new UpdateWebhookCommand(webhook, request.url(), request.eventTypes(), request.active()));
        return views.view(Webhook.class, webhook, Webhook::view);
    }

    @DeleteMapping("/webhooks/{id}")
    @RequiresPermission(resource = Resource.WEBHOOKS, verb = Verb.DELETE, checkedByHandler = true)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a webhook: nothing more is delivered to it, its deliveries are dropped")
    void delete(@PathVariable String id, @AuthenticationPrincipal AuthenticatedAccount caller) {
        writes.send(new DeleteWebhookCommand(permitted(id, Verb.DELETE, caller)));
    }

    @PostMapping("/webhooks/{id}/replay")
    @RequiresPermission(resource = Resource.WEBHOOKS, verb = Verb.UPDATE, checkedByHandler = true)
    @Operation(summary = "Deliver again every matching session event from a global position of the event log on")
    ReplayAnswer replay(@PathVariable String id, @RequestParam long from,
                        @AuthenticationPrincipal AuthenticatedAccount caller) {
        UUID webhook = permitted(id, Verb.UPDATE, caller);
        writes.send(new ReplayWebhookCommand(webhook, from));
        return new ReplayAnswer(webhook, from);
    }

    /** Not found before forbidden: the caller holds the verb somewhere (the interceptor checked). */
    private UUID permitted(String id, Verb verb, AuthenticatedAccount caller) {
        UUID webhook = Ids.parse(id).orElseThrow(() -> notFound(id));
        String space;
        try {
            space = views.view(Webhook.class, webhook, Webhook::space);
        } catch (DomainException missing) {
            throw missing.kind() == DomainException.Kind.NOT_FOUND ? notFound(id) : missing;
        }
        permissions.of(caller).require(Resource.WEBHOOKS, verb, new Target(space, webhook.toString()));
        return webhook;
    }

    private static DomainException notFound(String id) {
        return DomainException.notFound("Webhook " + id + " not found");
    }

    /** Standard Webhooks' form: {@code whsec_} and base64 of the key's bytes. */
    private static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
