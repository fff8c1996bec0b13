package dev.raworc.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void neverPrintsTheHash() {
        PasswordHash hash = new PasswordHash("$argon2id$v=19$secret-material");
        CreateServiceAccountCommand command = new CreateServiceAccountCommand(null, "bob", hash, null);

        assertThat(hash.toString()).doesNotContain("secret-material");
        assertThat(command.toString()).doesNotContain("secret-material");
    }
}
