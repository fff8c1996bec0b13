package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.raworc.server.ApiClient.Response;

/**
 * A token stops working as soon as its account is deleted, deactivated or its password changes:
 * at once in the server that made the change, and within 1 s in a second server process that
 * shares the database (spec §3). Both processes run on a database of their own, and every account
 * and token exists before the first revocation, so one revocation cannot spoil the next case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRevocationApiTest extends ApiTest {

    private static final Duration SECOND_PROCESS_DEADLINE = Duration.ofSeconds(1);
    private static final String NEW_PASSWORD = "changed-password-for-revocation";

    enum Revocation {
        DELETE("its account was deleted"),
        DEACTIVATE("its account is deactivated"),
        OWN_PASSWORD_CHANGE("its account's password has changed"),
        ADMIN_PASSWORD_RESET("its account's password has changed");

        final String error;

        Revocation(String reason) {
            this.error = "UNAUTHORIZED: Token is no longer valid: " + reason;
        }

        boolean changesPassword() {
            return this == OWN_PASSWORD_CHANGE || this == ADMIN_PASSWORD_RESET;
        }
    }

    private record Account(String user, String token) {
    }

    @Autowired
    DataSource dataSource;

    private IdentityServer server;
    private ApiClient first;
    private ApiClient second;
    private IdentityApi admin;
    private final Map<Revocation, Account> accounts = new EnumMap<>(Revocation.class);

    @BeforeAll
    void startTwoProcessesWithAnAccountPerCase() {
        server = IdentityServer.start(dataSource);
        first = server.api();
        second = server.startQueryProcess();
        admin = server.asAdmin();
        for (Revocation revocation : Revocation.values()) {
            String user = unique("revoked");
            admin.createAccount(user);
            admin.bind("viewer", user, null);
            accounts.put(revocation, new Account(user, admin.login(user)));
        }
    }

    @AfterAll
    void stopProcesses() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Revocation.class)
    void tokenStopsWorkingAtOnceHereAndWithinASecondInTheOtherProcess(Revocation revocation) {
        Account account = accounts.get(revocation);
        assertWorks(first, account.token());
        assertWorks(second, account.token());

        revoke(revocation, account);
        long revokedAt = System.nanoTime();

        assertRefused(me(first, account.token()), revocation);
        assertRefused(first.get("/api/v0/spaces/default", account.token()), revocation);
        assertRefused(firstRefusal(second, account.token(), revokedAt), revocation);
        assertRefused(second.get("/api/v0/spaces/default", account.token()), revocation);

        if (revocation.changesPassword()) {
            String renewed = first.login(account.user(), NEW_PASSWORD);
            assertWorks(first, renewed);
            assertWorks(second, renewed);
        }
    }

    private void revoke(Revocation revocation, Account account) {
        String path = "/service-accounts/" + account.user();
        Response response = switch (revocation) {
            case DELETE -> admin.delete(path);
            case DEACTIVATE -> admin.put(path, json("active", false));
            case OWN_PASSWORD_CHANGE -> admin.put(path + "/password", account.token(),
                    json("current_password", IdentityApi.PASSWORD, "new_password", NEW_PASSWORD));
            case ADMIN_PASSWORD_RESET -> admin.put(path + "/password", json("new_password", NEW_PASSWORD));
        };
        assertThat(response.status()).as(response.text()).isIn(200, 204);
    }

    /** Asks the other process until it refuses the token, for at most a second after the revocation. */
    private static Response firstRefusal(ApiClient process, String token, long revokedAt) {
        Response response = me(process, token);
        while (response.status() == 200 && System.nanoTime() - revokedAt < SECOND_PROCESS_DEADLINE.toNanos()) {
            response = me(process, token);
        }
        return response;
    }

    private static void assertWorks(ApiClient process, String token) {
        assertThat(me(process, token).status()).isEqualTo(200);
        assertThat(process.get("/api/v0/spaces/default", token).status()).isEqualTo(200);
    }

    private static void assertRefused(Response response, Revocation revocation) {
        assertThat(response.status()).as(response.text()).isEqualTo(401);
        assertThat(response.error()).isEqualTo(revocation.error);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    private static Response me(ApiClient process, String token) {
        return process.get("/api/v0/auth/me", token);
    }
}
