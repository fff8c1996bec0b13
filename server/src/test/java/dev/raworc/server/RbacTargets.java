package dev.raworc.server;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of one matrix row for one caller. Shared targets (the spaces {@code {a}}
 * and {@code {b}}, {@code {account}}, {@code {role}}, {@code {binding}}, the sessions
 * {@code {session-a}} and {@code {session-b}} by id, the secrets {@code {secret-a}} and
 * {@code {secret-b}} by key, the webhooks {@code {webhook-a}}, {@code {webhook-b}} and
 * {@code {webhook-global}} by id) exist once for the whole test; the others are made for the row the
 * first time it names them, so rows stay independent:
 * <ul>
 * <li>{@code {unique}}: a fresh name; {@code {unique-key}}: a fresh secret key</li>
 * <li>{@code {now}}: the current instant, RFC 3339</li>
 * <li>{@code {new-account}}, {@code {new-role}}, {@code {new-space}}, {@code {new-binding}} (role
 * {@code viewer} bound globally to a new account): throwaway targets</li>
 * <li>{@code {new-session-a}}, {@code {new-session-b}} (a session in state {@code init} with one
 * message), {@code {closed-session-a}}, {@code {closed-session-b}} (the same, closed),
 * {@code {file-session-a}}, {@code {file-session-b}} (the same, with the file {@code f.txt}),
 * {@code {new-secret-a}}, {@code {new-secret-b}}, {@code {new-webhook-a}}, {@code {new-webhook-b}}:
 * throwaway targets in space a or b, and {@code {new-webhook-global}}, for the rows that delete
 * them or change their state</li>
 * <li>{@code {me}}: a new account with the caller's bindings; the row's request is then sent with
 * its token instead of the caller's (for rows that change the caller's own account)</li>
 * <li>{@code {password}}, {@code {new-password}}: the accounts' password and the one rows change it to</li>
 * </ul>
 */
final class RbacTargets {

    /** A caller's account: its user name and token (null for {@link RbacCaller#ANONYMOUS}). */
    record Account(String user, String token) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z][a-z-]*}");

    private final RbacFixture fixture;
    private final Map<String, String> shared;
    private final RbacCaller caller;
    private final Function<RbacCaller, Account> newAccountFor;
    private final Map<String, String> made = new HashMap<>();
    private Account me;

    RbacTargets(RbacFixture fixture, Map<String, String> shared, RbacCaller caller,
                Function<RbacCaller, Account> newAccountFor) {
        this.fixture = fixture;
        this.shared = shared;
        this.caller = caller;
        this.newAccountFor = newAccountFor;
    }

    RbacFixture fixture() {
        return fixture;
    }

    String resolve(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value(matcher.group())));
        }
        return matcher.appendTail(resolved).toString();
    }

    /** The token to send: that of {@code {me}} when the row named it, else the caller's own. */
    String token(Account callerAccount) {
        return me != null ? me.token() : callerAccount.token();
    }

    private String value(String placeholder) {
        String known = shared.containsKey(placeholder) ? shared.get(placeholder) : made.get(placeholder);
        if (known != null) {
            return known;
        }
        String value = switch (placeholder) {
            case "{unique}" -> fixture.unique("row");
            case "{unique-key}" -> fixture.uniqueKey();
            case "{now}" -> Instant.now().toString();
            case "{password}" -> RbacFixture.PASSWORD;
            case "{new-password}" -> RbacFixture.NEW_PASSWORD;
            case "{new-account}" -> fixture.createAccount("target");
            case "{new-role}" -> fixture.createRole("target",
                    "[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\"]}]");
            case "{new-space}" -> fixture.createSpace("target");
            case "{new-binding}" -> fixture.bind("viewer", value("{new-account}"), null);
            case "{new-session-a}" -> fixture.createSession(value("{a}"));
            case "{new-session-b}" -> fixture.createSession(value("{b}"));
            case "{closed-session-a}" -> fixture.createClosedSession(value("{a}"));
            case "{closed-session-b}" -> fixture.createClosedSession(value("{b}"));
            case "{file-session-a}" -> fixture.createSessionWithFile(value("{a}"));
            case "{file-session-b}" -> fixture.createSessionWithFile(value("{b}"));
            case "{new-secret-a}" -> fixture.createSecret(value("{a}"));
            case "{new-secret-b}" -> fixture.createSecret(value("{b}"));
            case "{new-webhook-a}" -> fixture.createWebhook(value("{a}"));
            case "{new-webhook-b}" -> fixture.createWebhook(value("{b}"));
            case "{new-webhook-global}" -> fixture.createWebhook(null);
            case "{me}" -> {
                me = newAccountFor.apply(caller);
                yield me.user();
            }
            default -> throw new IllegalArgumentException("unknown placeholder " + placeholder);
        };
        made.put(placeholder, value);
        return value;
    }
}
