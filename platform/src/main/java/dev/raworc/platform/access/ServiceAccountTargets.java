package dev.raworc.platform.access;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/** {@code /service-accounts/{id}}: a global resource named by its user. */
@Component
class ServiceAccountTargets implements TargetResolver {

    private final TargetNames names;

    ServiceAccountTargets(TargetNames names) {
        this.names = names;
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
        return names.serviceAccount(id)
                .map(user -> new Target(null, user))
                .orElseThrow(() -> DomainException.notFound("Service account '" + id + "' not found"));
    }
}
