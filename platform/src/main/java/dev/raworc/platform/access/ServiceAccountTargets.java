package dev.raworc.platform.access;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.platform.security.AccountCredentials;

/** {@code /service-accounts/{id}}: a global resource named by its user. */
@Component
class ServiceAccountTargets implements TargetResolver {

    private final AccountCredentials credentials;

    ServiceAccountTargets(AccountCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Resource resource() {
        return Resource.SERVICE_ACCOUNTS;
    }

    @Override
    public Target resolve(Map<String, String> pathVariables, Map<String, String[]> queryParameters) {
        String id = pathVariables.get("id");
        if (id == null) {
            return Target.NONE;
        }
        return credentials.findByIdOrUser(id)
                .map(account -> new Target(null, account.user()))
                .orElseThrow(() -> DomainException.notFound("Service account '" + id + "' not found"));
    }
}
