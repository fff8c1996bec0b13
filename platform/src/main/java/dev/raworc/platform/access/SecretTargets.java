package dev.raworc.platform.access;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.api.Names;
import dev.raworc.platform.storage.NameClaims;

/**
 * Secrets live in a space named by the path ({@code /spaces/{space}/secrets}) or by the
 * {@code space} query parameter of the short form ({@code /secrets}, default {@code default}).
 */
@Component
public class SecretTargets implements TargetResolver {

    private final NameClaims names;

    SecretTargets(NameClaims names) {
        this.names = names;
    }

    /** The space a secrets request addresses, from either form of the path. */
    public static String spaceOf(String pathSpace, String querySpace) {
        if (pathSpace != null) {
            return pathSpace;
        }
        return querySpace != null ? querySpace : Names.DEFAULT_SPACE;
    }

    /** @throws DomainException (not found) unless the space exists */
    public String existingSpace(String pathSpace, String querySpace) {
        String space = spaceOf(pathSpace, querySpace);
        if (names.owner(NameClaims.Kind.SPACE, space).isEmpty()) {
            throw DomainException.notFound("Space '" + space + "' not found");
        }
        return space;
    }

    @Override
    public Resource resource() {
        return Resource.SECRETS;
    }

    @Override
    public Target resolve(Map<String, String> pathVariables, Map<String, String[]> queryParameters) {
        String[] query = queryParameters.get("space");
        return new Target(existingSpace(pathVariables.get("space"), query == null ? null : query[0]), pathVariables.get("key"));
    }
}
