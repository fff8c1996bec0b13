package dev.raworc.command.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import dev.raworc.api.DomainException;
import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.account.CreateServiceAccountCommand;
import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.security.PasswordPolicy;
import dev.raworc.platform.storage.DataDirectory;

/**
 * On the first start of an empty system, creates the {@code admin} account bound globally to
 * the {@code admin} role, through commands like any other change. Its password is
 * {@code RAWORC_ADMIN_PASSWORD}, or a random one shown once in the log and kept owner-only in the
 * data directory. There is no default password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    static final String PASSWORD_FILE = "admin-password";

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountCredentials credentials;
    private final PasswordPolicy passwords;
    private final CommandGateway commands;
    private final RaworcProperties properties;
    private final DataDirectory dataDirectory;

    AdminBootstrap(AccountCredentials credentials, PasswordPolicy passwords, CommandGateway commands,
                   RaworcProperties properties, DataDirectory dataDirectory) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.commands = commands;
        this.properties = properties;
        this.dataDirectory = dataDirectory;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!credentials.isEmpty()) {
            return;
        }
        boolean generated = !StringUtils.hasText(properties.adminPassword());
        String password = generated ? generatePassword() : properties.adminPassword();
        PasswordPolicy.requireAcceptable(password, "RAWORC_ADMIN_PASSWORD");
        try {
            commands.sendAndWait(new CreateServiceAccountCommand(UUID.randomUUID(), ADMIN,
                    passwords.hash(password), "Built-in administrator"));
        } catch (DomainException alreadySeeded) {
            return; // another process sharing the database seeded it first
        }
        commands.sendAndWait(new CreateRoleBindingCommand(UUID.randomUUID(), ADMIN, ADMIN,
                PrincipalType.ServiceAccount, null));
        if (generated) {
            dataDirectory.writeOwnerOnly(PASSWORD_FILE, password);
            log.warn("Created account 'admin' with the generated password {} (shown only this once; also in {})",
                    password, dataDirectory.root().resolve(PASSWORD_FILE));
        } else {
            log.info("Created account 'admin' with the password from RAWORC_ADMIN_PASSWORD");
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
