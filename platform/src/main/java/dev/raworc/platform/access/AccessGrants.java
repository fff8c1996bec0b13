package dev.raworc.platform.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.access.Rule;
import dev.raworc.platform.storage.JsonColumns;

/**
 * Reads the caller's bindings and their roles' rules as they are now, on every request, so a
 * binding created or deleted applies to tokens already issued. The bearer token check reads the
 * account together with its bindings from the {@link AccountDirectory}, and the request's permission checks use
 * those bindings, oldest first as {@code GET /auth/me} lists them. A role's rules are parsed once
 * per distinct JSON text, not per request: the text is read every time, so a changed role applies
 * at once all the same.
 */
@Repository
public class AccessGrants {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {
    };
    private static final String READ_IN_REQUEST = AccessGrants.class.getName() + ".bindings:";
    /** Distinct rule texts kept parsed; when full it starts over. */
    static final int PARSED_RULES_CAPACITY = 1_000;

    private final AccountDirectory directory;
    private final Map<String, List<Rule>> parsedRules = new ConcurrentHashMap<>();

    AccessGrants(AccountDirectory directory) {
        this.directory = directory;
    }

    /**
     * The account's access as it is now, read with its bindings, which the permission checks of
     * this request then use.
     */
    public Optional<AccountAccess> accessWithBindings(UUID accountId, HttpServletRequest request) {
        Optional<AccountAccess> access = directory.find(accountId);
        access.ifPresent(found -> request.setAttribute(READ_IN_REQUEST + accountId, bound(found)));
        return access;
    }

    /** The account's access as it is now, outside a request. */
    public Optional<AccountAccess> access(UUID accountId) {
        return directory.find(accountId);
    }

    List<BoundRules> of(UUID accountId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(READ_IN_REQUEST + accountId, RequestAttributes.SCOPE_REQUEST)
                instanceof List<?> readWithCredentials) {
            @SuppressWarnings("unchecked")
            List<BoundRules> bindings = (List<BoundRules>) readWithCredentials;
            return bindings;
        }
        return directory.find(accountId).map(this::bound).orElse(List.of());
    }

    private List<BoundRules> bound(AccountAccess access) {
        return access.grants().stream()
                .map(grant -> new BoundRules(grant.roleName(), grant.space(), rules(grant.rulesJson())))
                .toList();
    }

    List<Rule> rules(String json) {
        List<Rule> parsed = parsedRules.get(json);
        if (parsed == null) {
            parsed = List.copyOf(JsonColumns.read(json, RULES));
            if (parsedRules.size() >= PARSED_RULES_CAPACITY) {
                parsedRules.clear();
            }
            parsedRules.put(json, parsed);
        }
        return parsed;
    }
}
