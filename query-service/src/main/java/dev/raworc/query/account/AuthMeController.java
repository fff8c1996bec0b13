package dev.raworc.query.account;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.access.PrincipalType;
import dev.raworc.platform.access.AnyAuthenticated;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.query.access.RoleBindingViews;

/** {@code GET /auth/me}: who the token belongs to and the roles bound to it. */
@RestController
class AuthMeController {

    record Me(String user, String type, List<Binding> bindings) {
    }

    record Binding(String role, String space) {
    }

    private final RoleBindingViews roleBindings;

    AuthMeController(RoleBindingViews roleBindings) {
        this.roleBindings = roleBindings;
    }

    @GetMapping("/auth/me")
    @AnyAuthenticated
    @Operation(summary = "The authenticated account and its role bindings")
    Me me(@AuthenticationPrincipal AuthenticatedAccount account) {
        List<Binding> bindings = roleBindings.ofAccount(account.accountId()).stream()
                .map(binding -> new Binding(binding.roleName(), binding.space()))
                .toList();
        return new Me(account.user(), account.isSessionAgent() ? "Session" : PrincipalType.ServiceAccount.name(), bindings);
    }
}
