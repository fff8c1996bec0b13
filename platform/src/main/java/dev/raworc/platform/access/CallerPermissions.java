package dev.raworc.platform.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import dev.raworc.api.access.Rule;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * What one caller may do, from its bindings as they are at the start of the request: allowed
 * when a binding that applies where the target lives (everywhere, or the target's space) points
 * to a role with a matching rule.
 */
public final class CallerPermissions {

    static final String API_GROUP = "api";

    private final List<BoundRules> bindings;

    CallerPermissions(List<BoundRules> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    /**
     * A session's agent may read its session and messages, post its replies and report its
     * state: rules limited to that one session, in its space.
     */
    static CallerPermissions ofSessionAgent(AuthenticatedAccount.SessionScope session) {
        List<String> own = List.of(session.sessionId().toString());
        return new CallerPermissions(List.of(new BoundRules(null, session.space(), List.of(
                new Rule(List.of(API_GROUP), List.of(Resource.SESSIONS.wireName()),
                        List.of(Verb.GET.wireName(), Verb.UPDATE_STATE.wireName()), own),
                new Rule(List.of(API_GROUP), List.of(Resource.MESSAGES.wireName()),
                        List.of(Verb.GET.wireName(), Verb.LIST.wireName(), Verb.CREATE.wireName()), own)))));
    }

    public boolean allows(Resource resource, Verb verb, Target target) {
        String space = resource.spaced() ? target.space() : null;
        return bindings.stream()
                .filter(bound -> bound.appliesIn(space))
                .flatMap(bound -> bound.rules().stream())
                .anyMatch(rule -> rule.grants(API_GROUP, resource.wireName(), verb.wireName(), target.name()));
    }

    /** @throws ApiException (403) unless {@link #allows} */
    public void require(Resource resource, Verb verb, Target target) {
        if (!allows(resource, verb, target)) {
            throw forbidden(resource, verb);
        }
    }

    /** Whether the caller may do everything everywhere, as the built-in {@code admin} role allows. */
    public boolean holdsEverything() {
        return java.util.Arrays.stream(Resource.values()).allMatch(resource -> java.util.Arrays.stream(Verb.values())
                .filter(verb -> verb.appliesTo(resource))
                .allMatch(verb -> allows(resource, verb, Target.NONE)));
    }

    /** The roles bound to the caller everywhere (not in one space only), oldest binding first. */
    public List<String> globalRoles() {
        return bindings.stream().filter(bound -> bound.space() == null).map(BoundRules::roleName).toList();
    }

    /** Whether the caller holds the verb on the resource in at least one place. */
    public boolean allowsSomewhere(Resource resource, Verb verb) {
        return bindings.stream()
                .filter(bound -> resource.spaced() || bound.space() == null)
                .flatMap(bound -> bound.rules().stream())
                .anyMatch(rule -> rule.grantsSome(API_GROUP, resource.wireName(), verb.wireName()));
    }

    /** Whether the caller holds the verb on some of the resource's objects in this space. */
    public boolean allowsSomewhereIn(Resource resource, Verb verb, String space) {
        return bindings.stream()
                .filter(bound -> bound.appliesIn(space))
                .flatMap(bound -> bound.rules().stream())
                .anyMatch(rule -> rule.grantsSome(API_GROUP, resource.wireName(), verb.wireName()));
    }

    public ListScope listScope(Resource resource) {
        List<ListScope.Grant> scope = new ArrayList<>();
        for (BoundRules bound : bindings) {
            if (!resource.spaced() && bound.space() != null) {
                continue;
            }
            for (Rule rule : bound.rules()) {
                if (rule.grantsSome(API_GROUP, resource.wireName(), Verb.LIST.wireName())) {
                    scope.add(new ListScope.Grant(bound.space(),
                            rule.limitedToNames() ? new HashSet<>(rule.resourceNames()) : null));
                }
            }
        }
        return new ListScope(scope);
    }

    static ApiException forbidden(Resource resource, Verb verb) {
        return new ApiException(ErrorCode.FORBIDDEN, "Not permitted to " + verb.wireName() + " " + resource.wireName());
    }
}
