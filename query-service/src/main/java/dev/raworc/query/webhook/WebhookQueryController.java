package dev.raworc.query.webhook;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.webhook.WebhookView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Target;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.storage.Ids;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** The reads of {@code /webhooks}: the webhooks and their deliveries, never a signing secret. */
@RestController
class WebhookQueryController {

    private final WebhookViews views;
    private final DeliveryViews deliveries;
    private final PermissionEvaluator permissions;

    WebhookQueryController(WebhookViews views, DeliveryViews deliveries, PermissionEvaluator permissions) {
        this.views = views;
        this.deliveries = deliveries;
        this.permissions = permissions;
    }

    @GetMapping("/webhooks")
    @RequiresPermission(resource = Resource.WEBHOOKS, verb = Verb.LIST)
    @Operation(summary = "List the webhooks the caller may list (global ones need a global binding), oldest first")
    Page<WebhookView> list(ListScope scope, PageRequest page) {
        return views.list(scope, page);
    }

    @GetMapping("/webhooks/{id}")
    @RequiresPermission(resource = Resource.WEBHOOKS, verb = Verb.GET, checkedByHandler = true)
    @Operation(summary = "A webhook, with its status: failing once a delivery used every attempt")
    WebhookView get(@PathVariable String id, @AuthenticationPrincipal AuthenticatedAccount caller) {
        return permitted(id, caller);
    }

    @GetMapping("/webhooks/{id}/deliveries")
    @RequiresPermission(resource = Resource.WEBHOOKS, verb = Verb.GET, checkedByHandler = true)
    @Operation(summary = "A webhook's deliveries, oldest first, with every attempt's time, status code and latency")
    Page<DeliveryViews.DeliveryView> deliveries(@PathVariable String id, PageRequest page,
                                                @AuthenticationPrincipal AuthenticatedAccount caller) {
        return deliveries.of(permitted(id, caller).id(), page);
    }

    /** Not found before forbidden: the caller holds {@code get} somewhere (the interceptor checked). */
    private WebhookView permitted(String id, AuthenticatedAccount caller) {
        WebhookView webhook = Ids.parse(id).flatMap(views::find)
                .orElseThrow(() -> DomainException.notFound("Webhook " + id + " not found"));
        permissions.of(caller).require(Resource.WEBHOOKS, Verb.GET, new Target(webhook.space(), webhook.id().toString()));
        return webhook;
    }
}
