package dev.raworc.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.raworc.command.account.LoginController.LoginResponse;
import dev.raworc.command.account.LoginController.LoginUser;

/** The account in the login answer: which role names it, and that the answer never prints its token. */
class LoginAnswerTest {

    @Test
    void anAccountWithoutGlobalBindingsHasNoRole() {
        assertThat(LoginUser.of("svc", List.of())).isEqualTo(new LoginUser("svc", null));
    }

    @Test
    void adminIsPreferredToOlderGlobalBindings() {
        assertThat(LoginUser.of("svc", List.of("viewer", "admin", "operator")).role()).isEqualTo("admin");
    }

    @Test
    void withoutAdminTheOldestGlobalBindingNamesTheRole() {
        assertThat(LoginUser.of("svc", List.of("viewer", "operator")).role()).isEqualTo("viewer");
    }

    @Test
    void theAnswerNeverPrintsItsToken() {
        LoginResponse answer = new LoginResponse("secret.jwt.text", "Bearer", Instant.parse("2026-12-05T00:00:00Z"),
                new LoginUser("svc", "admin"));

        assertThat(answer.toString()).doesNotContain("secret.jwt.text")
                .isEqualTo("LoginResponse[expiresAt=2026-12-05T00:00:00Z, user=LoginUser[username=svc, role=admin]]");
    }
}
