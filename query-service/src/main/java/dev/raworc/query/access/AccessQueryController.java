package dev.raworc.query.access;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.access.FindRoleBindingQuery;
import dev.raworc.api.access.RoleBindingView;
import dev.raworc.api.access.RoleView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.storage.Ids;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** The reads of {@code /roles} and {@code /role-bindings}. */
@RestController
class AccessQueryController {

    private final RoleViews roles;
    private final RoleBindingViews bindings;

    AccessQueryController(RoleViews roles, RoleBindingViews bindings) {
        this.roles = roles;
        this.bindings = bindings;
    }

    @GetMapping("/roles")
    @RequiresPermission(resource = Resource.ROLES, verb = Verb.LIST)
    @Operation(summary = "List roles, oldest first")
    Page<RoleView> roles(ListScope scope, PageRequest page) {
        return roles.list(scope, page);
    }

    @GetMapping("/roles/{id}")
    @RequiresPermission(resource = Resource.ROLES, verb = Verb.GET)
    @Operation(summary = "A role, by id or name")
    RoleView role(@PathVariable String id) {
        return roles.findByIdOrName(id).orElseThrow(() -> DomainException.notFound("Role '" + id + "' not found"));
    }

    @GetMapping("/role-bindings")
    @RequiresPermission(resource = Resource.ROLE_BINDINGS, verb = Verb.LIST)
    @Operation(summary = "List role bindings, oldest first, filtered by principal, role name or space")
    Page<RoleBindingView> bindings(@RequestParam(required = false) String principal,
                                   @RequestParam(name = "role_name", required = false) String roleName,
                                   @RequestParam(required = false) String space,
                                   ListScope scope, PageRequest page) {
        return bindings.list(new RoleBindingViews.Filter(principal, roleName, space), scope, page);
    }

    @GetMapping("/role-bindings/{id}")
    @RequiresPermission(resource = Resource.ROLE_BINDINGS, verb = Verb.GET)
    @Operation(summary = "A role binding, by id")
    RoleBindingView binding(@PathVariable String id) {
        return Ids.parse(id).flatMap(bindingId -> bindings.handle(new FindRoleBindingQuery(bindingId)))
                .orElseThrow(() -> DomainException.notFound("Role binding '" + id + "' not found"));
    }
}
