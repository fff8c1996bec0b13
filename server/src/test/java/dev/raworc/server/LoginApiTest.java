package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

class LoginApiTest extends ApiTest {

    private static final String LOGGED_IN = "dev.raworc.api.account.ServiceAccountLoggedInEvent";

    @Test
    void loginReturnsABearerTokenThatAuthMeAccepts() {
        Response login = api().postJson("/api/v0/auth/login", null,
                "{\"user\":\"admin\",\"pass\":\"" + ADMIN_PASSWORD + "\"}");

        assertThat(login.status()).isEqualTo(200);
        IdentityApi.assertFields(login.json(), "token", "token_type", "expires_at", "user");
        assertThat(login.json().get("user")).isEqualTo(ApiClient.JSON.readTree("{\"username\":\"admin\",\"role\":\"admin\"}"));
        assertThat(login.json().get("token_type").asString()).isEqualTo("Bearer");
        String expiresAt = login.json().get("expires_at").asString();
        assertThat(expiresAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(expiresAt)).isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(1, ChronoUnit.MINUTES));

        awaitProjections();
        Response me = api().get("/api/v0/auth/me", login.json().get("token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json()).isEqualTo(ApiClient.JSON.readTree(
                "{\"user\":\"admin\",\"type\":\"ServiceAccount\",\"bindings\":[{\"role\":\"admin\",\"space\":null}]}"));
    }

    @Test
    void successfulLoginIsRecordedAsAnEventAndInTheReadModel() {
        long before = loginEvents();

        adminToken();

        assertThat(loginEvents()).isEqualTo(before + 1);
        awaitProjections();
        Instant lastLogin = jdbc.sql("SELECT last_login_at FROM service_accounts WHERE user_name = 'admin'")
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(lastLogin).isCloseTo(Instant.now(), within(10, ChronoUnit.SECONDS));
    }

    @Test
    void theLoginIsShownAsSoonAsLoginAnswers() {
        IdentityApi identity = new IdentityApi(api(), adminToken());
        String user = IdentityApi.unique("svc");
        String accountId = identity.createAccount(user).get("id").asString();

        for (int i = 0; i < 20; i++) {
            Instant loggingIn = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            identity.login(user);

            JsonNode lastLogin = identity.get("/service-accounts/" + user).json().get("last_login_at");
            assertThat(lastLogin.isNull()).as("last_login_at right after login %d", i).isFalse();
            assertThat(Instant.parse(lastLogin.asString())).as("last_login_at after login %d", i)
                    .isAfterOrEqualTo(loggingIn);
        }
        assertThat(loginPrincipals(accountId)).hasSize(20).containsOnly(user);
    }

    @Test
    void theAnswerNamesTheRoleTheAccountHoldsEverywhere() {
        IdentityApi identity = new IdentityApi(api(), adminToken());
        String space = IdentityApi.unique("space");
        identity.createSpace(space);
        String unbound = IdentityApi.unique("svc");
        identity.createAccount(unbound);
        String spaceOnly = IdentityApi.unique("svc");
        identity.createAccount(spaceOnly);
        identity.bind("operator", spaceOnly, space);
        String several = IdentityApi.unique("svc");
        identity.createAccount(several);
        identity.bind("operator", several, space);
        identity.bind("viewer", several, null);
        identity.bind("operator", several, null);

        assertLoginUser(unbound, IdentityApi.PASSWORD, null);
        assertLoginUser(spaceOnly, IdentityApi.PASSWORD, null);
        assertLoginUser(several, IdentityApi.PASSWORD, "viewer");
        assertLoginUser("admin", ADMIN_PASSWORD, "admin");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        long before = loginEvents();
        Response wrongPassword = api().postJson("/api/v0/auth/login", null, "{\"user\":\"admin\",\"pass\":\"not-the-password\"}");
        Response unknownUser = api().postJson("/api/v0/auth/login", null, "{\"user\":\"nobody\",\"pass\":\"not-the-password\"}");
        Response hugePassword = api().postJson("/api/v0/auth/login", null,
                "{\"user\":\"admin\",\"pass\":\"" + "x".repeat(10_000) + "\"}");

        for (Response refused : new Response[] {wrongPassword, unknownUser, hugePassword}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.error()).isEqualTo("UNAUTHORIZED: Invalid user name or password");
        }
        assertThat(loginEvents()).isEqualTo(before);
    }

    @Test
    void authMeWithoutATokenIsRefused() {
        Response response = api().get("/api/v0/auth/me", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("UNAUTHORIZED: Missing bearer token");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void tamperedTokenIsRefused() {
        String[] parts = adminToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\":\"admin\"", "\"user\":\"admim\"");
        String tampered = parts[0] + "." + base64(claims) + "." + parts[2];

        assertRefused(tampered, "Bearer token is invalid");
    }

    @Test
    void expiredTokenIsRefused() {
        String expired = adminClaims()
                .issuedAt(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expiration(Date.from(Instant.now().minus(Duration.ofHours(1))))
                .signWith(Keys.hmacShaKeyFor(JWT_SECRET.getBytes(StandardCharsets.UTF_8)))
                .compact();

        assertRefused(expired, "Bearer token has expired");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        String forged = adminClaims()
                .signWith(Keys.hmacShaKeyFor("another-key-that-is-long-enough-for-hs256!".getBytes(StandardCharsets.UTF_8)))
                .compact();

        assertRefused(forged, "Bearer token is invalid");
    }

    @Test
    void unsignedTokenIsRefused() {
        String[] parts = adminToken().split("\\.");
        String unsigned = base64("{\"alg\":\"none\"}") + "." + parts[1] + ".";

        assertRefused(unsigned, "Bearer token is invalid");
    }

    @Test
    void otherAuthorizationSchemesAndGarbageAreRefused() {
        assertRefused("Basic " + base64("admin:" + ADMIN_PASSWORD), "Authorization header must have the form 'Bearer <token>'");
        assertRefused("not-a-jwt", "Bearer token is invalid");
    }

    private io.jsonwebtoken.JwtBuilder adminClaims() {
        String subject = jdbc.sql("SELECT account_id FROM account_credentials WHERE user_name = 'admin'")
                .query(java.util.UUID.class).single().toString();
        return Jwts.builder().subject(subject).claim("user", "admin").claim("gen", 0)
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    /**
     * The login answer's user; {@code GET /auth/me} with its token names the same account, and a
     * global binding to the role (or none, when the role is null).
     */
    private void assertLoginUser(String user, String pass, String role) {
        Response login = api().postJson("/api/v0/auth/login", null, IdentityApi.json("user", user, "pass", pass));

        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(login.json().get("user")).as(user)
                .isEqualTo(ApiClient.JSON.readTree(IdentityApi.json("username", user, "role", role)));
        JsonNode me = api().get("/api/v0/auth/me", login.json().get("token").asString()).json();
        assertThat(me.get("user").asString()).isEqualTo(user);
        List<String> globalRoles = new ArrayList<>();
        me.get("bindings").forEach(binding -> {
            if (binding.get("space").isNull()) {
                globalRoles.add(binding.get("role").asString());
            }
        });
        if (role == null) {
            assertThat(globalRoles).as(user).isEmpty();
        } else {
            assertThat(globalRoles).as(user).contains(role);
        }
    }

    private void assertRefused(String token, String message) {
        Response response = api().get("/api/v0/auth/me", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("UNAUTHORIZED: " + message);
    }

    private long loginEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = :type")
                .param("type", LOGGED_IN)
                .query(Long.class).single();
    }

    /** Who each login of the account was recorded as sent by. */
    private List<String> loginPrincipals(String accountId) {
        return jdbc.sql("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = :id AND payload_type = :type""")
                .param("id", accountId).param("type", LOGGED_IN)
                .query(String.class).list().stream()
                .map(meta -> ApiClient.JSON.readTree(meta).get("principal").asString())
                .toList();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
