package dev.raworc.platform.access;

import org.springframework.stereotype.Component;

import dev.raworc.platform.security.AuthenticatedAccount;

/**
 * Reads a caller's role bindings and their rules as they are now, so a binding created or deleted
 * applies at once to tokens already issued.
 */
@Component
public class PermissionEvaluator {

    private final AccessGrants grants;

    PermissionEvaluator(AccessGrants grants) {
        this.grants = grants;
    }

    public CallerPermissions of(AuthenticatedAccount caller) {
        if (caller.isSessionAgent()) {
            return CallerPermissions.ofSessionAgent(caller.session());
        }
        return new CallerPermissions(grants.of(caller.accountId()));
    }
}
