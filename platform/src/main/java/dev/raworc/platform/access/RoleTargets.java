package dev.raworc.platform.access;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/** {@code /roles/{id}}: a global resource named by its name. */
@Component
class RoleTargets implements TargetResolver {

    private final TargetNames names;

    RoleTargets(TargetNames names) {
        this.names = names;
    }

    @Override
    public Resource resource() {
        return Resource.ROLES;
    }

    @Override
    public Target resolve(Map<String, String> pathVariables, Map<String, String[]> queryParameters) {
        String id = pathVariables.get("id");
        if (id == null) {
            return Target.NONE;
        }
        return names.role(id)
                .map(name -> new Target(null, name))
                .orElseThrow(() -> DomainException.notFound("Role '" + id + "' not found"));
    }
}
