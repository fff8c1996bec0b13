package dev.raworc.query.account;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.account.ServiceAccountView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** The reads of {@code /service-accounts}. */
@RestController
class ServiceAccountQueryController {

    private final ServiceAccountViews views;

    ServiceAccountQueryController(ServiceAccountViews views) {
        this.views = views;
    }

    @GetMapping("/service-accounts")
    @RequiresPermission(resource = Resource.SERVICE_ACCOUNTS, verb = Verb.LIST)
    @Operation(summary = "List service accounts, oldest first")
    Page<ServiceAccountView> list(ListScope scope, PageRequest page) {
        return views.list(scope, page);
    }

    @GetMapping("/service-accounts/{id}")
    @RequiresPermission(resource = Resource.SERVICE_ACCOUNTS, verb = Verb.GET)
    @Operation(summary = "A service account, by id or user name")
    ServiceAccountView get(@PathVariable String id) {
        return views.findByIdOrUser(id)
                .orElseThrow(() -> DomainException.notFound("Service account '" + id + "' not found"));
    }
}
