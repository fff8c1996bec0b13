package dev.raworc.command.seed;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import dev.raworc.api.DomainException;
import dev.raworc.api.Names;
import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.CreateRoleCommand;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.ReplaceBuiltInRoleRulesCommand;
import dev.raworc.api.account.CreateServiceAccountCommand;
import dev.raworc.api.space.CreateSpaceCommand;
import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.axon.AxonServerLink;
import dev.raworc.platform.axon.ProjectionCatchUp;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.security.PasswordPolicy;
import dev.raworc.platform.storage.DataDirectory;
import dev.raworc.platform.storage.NameClaims;

import dev.raworc.command.CommandEndpoint;

/**
 * Seeds what every installation has, through commands like any other change: the built-in roles
 * (with this version's rules, also on an installation seeded by an older one),
 * the {@code default} space, and on an empty system the {@code admin} account bound globally to
 * role {@code admin}. Its password is {@code RAWORC_ADMIN_PASSWORD}, or a random one shown once in
 * the log and kept owner-only in the data directory; there is no default password. Each step is
 * skipped when already done, and a conflict means another process did it first. It runs once Axon
 * has started and before the web server takes requests, so no client sees a server without them.
 * Under the {@code axonserver} profile with Axon Server unreachable, the server starts without them
 * and seeds once Axon Server answers: a restart would not help, and a crash would only loop.
 */
@CommandEndpoint
@Component
class FirstStartSeeding implements SmartLifecycle {

    static final String PASSWORD_FILE = "admin-password";
    static final Duration SEED_CATCH_UP = Duration.ofSeconds(30);
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(FirstStartSeeding.class);

    private final CommandGateway commands;
    private final NameClaims names;
    private final AccountCredentials credentials;
    private final PasswordPolicy passwords;
    private final RaworcProperties properties;
    private final DataDirectory dataDirectory;
    private final ProjectionCatchUp projections;
    private final AxonServerLink axonServer;
    private boolean sent;
    private ScheduledExecutorService retries;

    FirstStartSeeding(CommandGateway commands, NameClaims names, AccountCredentials credentials,
                      PasswordPolicy passwords, RaworcProperties properties, DataDirectory dataDirectory,
                      ProjectionCatchUp projections, AxonServerLink axonServer) {
        this.commands = commands;
        this.names = names;
        this.credentials = credentials;
        this.passwords = passwords;
        this.properties = properties;
        this.dataDirectory = dataDirectory;
        this.projections = projections;
        this.axonServer = axonServer;
    }

    private volatile boolean seeded;

    @Override
    public void start() {
        try {
            seedAndAwait();
        } catch (RuntimeException e) {
            if (!axonServer.isDown()) {
                throw e;
            }
            log.warn("Axon Server cannot be reached; the built-in roles, the default space and the admin account "
                    + "are seeded once it answers (tried every {} s)", RETRY_DELAY.toSeconds());
            retryUntilSeeded();
        }
        seeded = true;
    }

    private void seedAndAwait() {
        seed();
        // permission checks read the role bindings from this process's read models: the admin's
        // first request must find its binding there, not only in the event store
        if (sent && !projections.await(SEED_CATCH_UP)) {
            log.warn("The read models have not caught up with the first-start seeding within {} s; requests may be "
                    + "refused until they do", SEED_CATCH_UP.toSeconds());
        }
    }

    private synchronized void retryUntilSeeded() {
        retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "first-start-seeding");
            thread.setDaemon(true);
            return thread;
        });
        retries.scheduleWithFixedDelay(() -> {
            try {
                seedAndAwait();
                log.info("Seeded the first start now that Axon Server answers");
                retries.shutdown();
            } catch (RuntimeException e) {
                if (!axonServer.isDown()) {
                    log.warn("First-start seeding failed; trying again in {} s", RETRY_DELAY.toSeconds(), e);
                }
            }
        }, RETRY_DELAY.toMillis(), RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (retries != null) {
            retries.shutdownNow();
        }
        seeded = false;
    }

    @Override
    public boolean isRunning() {
        return seeded;
    }

    /** Right after Axon's own phase (commands and projections work), before the web server's. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }

    private void seed() {
        for (BuiltInRoles.BuiltInRole role : BuiltInRoles.ALL) {
            Optional<UUID> seeded = names.owner(NameClaims.Kind.ROLE, role.name());
            if (seeded.isEmpty()) {
                sendUnlessSeededElsewhere(new CreateRoleCommand(UUID.randomUUID(), role.name(), role.description(),
                        role.rules(), true));
            } else {
                updateRules(seeded.get(), role);
            }
        }
        if (names.owner(NameClaims.Kind.SPACE, Names.DEFAULT_SPACE).isEmpty()) {
            sendUnlessSeededElsewhere(new CreateSpaceCommand(UUID.randomUUID(), Names.DEFAULT_SPACE,
                    "The space of sessions that name none", Map.of()));
        }
        if (credentials.isEmpty()) {
            seedAdmin();
        }
    }

    /** A role seeded by an older version gets what this version's grants (read-files, say). */
    private void updateRules(UUID roleId, BuiltInRoles.BuiltInRole role) {
        try {
            if (Boolean.TRUE.equals(commands.sendAndWait(new ReplaceBuiltInRoleRulesCommand(roleId, role.rules())))) {
                sent = true;
                log.info("Built-in role '{}' has the rules of this version now", role.name());
            }
        } catch (ConcurrencyException replacedElsewhere) {
            // another process starting at the same moment replaced them
        }
    }

    private void seedAdmin() {
        boolean generated = !StringUtils.hasText(properties.adminPassword());
        String password = generated ? generatePassword() : properties.adminPassword();
        PasswordPolicy.requireAcceptable(password, "RAWORC_ADMIN_PASSWORD");
        UUID accountId = UUID.randomUUID();
        if (!sendUnlessSeededElsewhere(new CreateServiceAccountCommand(accountId, BuiltInRoles.ADMIN,
                passwords.hash(password), "Built-in administrator"))) {
            return;
        }
        UUID adminRole = names.owner(NameClaims.Kind.ROLE, BuiltInRoles.ADMIN).orElseThrow();
        commands.sendAndWait(new CreateRoleBindingCommand(UUID.randomUUID(), adminRole, BuiltInRoles.ADMIN,
                accountId, BuiltInRoles.ADMIN, PrincipalType.ServiceAccount, null));
        if (generated) {
            dataDirectory.writeOwnerOnly(PASSWORD_FILE, password);
            // the password itself never goes to the log, which is often shipped elsewhere
            log.warn("Created account 'admin' with a generated password, written to {} (readable by its owner only)",
                    dataDirectory.root().resolve(PASSWORD_FILE));
        } else {
            log.info("Created account 'admin' with the password from RAWORC_ADMIN_PASSWORD");
        }
    }

    private boolean sendUnlessSeededElsewhere(Object command) {
        try {
            commands.sendAndWait(command);
            sent = true;
            return true;
        } catch (DomainException alreadySeeded) {
            return false;
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
