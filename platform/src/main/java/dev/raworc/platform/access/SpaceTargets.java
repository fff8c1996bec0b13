package dev.raworc.platform.access;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.platform.storage.NameClaims;

/**
 * {@code /spaces/{name}}: a space lives in itself, so a binding in space {@code a} reaches space
 * {@code a} only. Creating a space has no space yet and needs a global binding.
 */
@Component
class SpaceTargets implements TargetResolver {

    private final NameClaims names;

    SpaceTargets(NameClaims names) {
        this.names = names;
    }

    @Override
    public Resource resource() {
        return Resource.SPACES;
    }

    @Override
    public Target resolve(Map<String, String> pathVariables, Map<String, String[]> queryParameters) {
        String name = pathVariables.get("name");
        if (name == null) {
            return Target.NONE;
        }
        if (names.owner(NameClaims.Kind.SPACE, name).isEmpty()) {
            throw DomainException.notFound("Space '" + name + "' not found");
        }
        return new Target(name, name);
    }
}
