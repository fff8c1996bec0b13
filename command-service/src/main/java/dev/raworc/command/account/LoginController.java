package dev.raworc.command.account;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.account.RecordServiceAccountLoginCommand;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.Public;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.security.IssuedToken;
import dev.raworc.platform.security.JwtTokens;
import dev.raworc.platform.security.PasswordPolicy;
import dev.raworc.platform.security.StoredCredentials;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

import dev.raworc.command.CommandEndpoint;

/**
 * {@code POST /auth/login}. Unknown user, wrong password and inactive account all get the same
 * answer after the same work, so a caller cannot learn which accounts exist.
 */
@CommandEndpoint
@RestController
class LoginController {

    record LoginRequest(@NotNull String user, @NotNull String pass) {
        @Override
        public String toString() {
            return "LoginRequest[user=" + user + "]";
        }
    }

    record LoginResponse(String token, String tokenType, Instant expiresAt, LoginUser user) {
        @Override
        public String toString() {
            return "LoginResponse[expiresAt=" + expiresAt + ", user=" + user + "]";
        }
    }

    /**
     * The account, as the Raworc 0.2 CLI shows it. {@code role} names what it may do everywhere:
     * {@code admin} when one of its global bindings is to it, else its oldest global binding's
     * role, else {@code null}, since a binding in one space grants nothing outside it.
     */
    record LoginUser(String username, String role) {

        static LoginUser of(String user, List<String> globalRoles) {
            String role = globalRoles.contains(AdminGuard.ADMIN_ROLE)
                    ? AdminGuard.ADMIN_ROLE
                    : globalRoles.stream().findFirst().orElse(null);
            return new LoginUser(user, role);
        }
    }

    private final AccountCredentials credentials;
    private final PasswordPolicy passwords;
    private final JwtTokens tokens;
    private final Writes writes;
    private final PermissionEvaluator permissions;

    LoginController(AccountCredentials credentials, PasswordPolicy passwords, JwtTokens tokens, Writes writes,
                    PermissionEvaluator permissions) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.tokens = tokens;
        this.writes = writes;
        this.permissions = permissions;
    }

    @PostMapping("/auth/login")
    @Public
    @SecurityRequirements
    @Operation(summary = "Exchange a service account's user name and password for a bearer token")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        StoredCredentials account = verified(request).orElseThrow(
                () -> new ApiException(ErrorCode.UNAUTHORIZED, "Invalid user name or password"));
        // the request is anonymous, so the account is named as the command's principal explicitly
        writes.send(GenericCommandMessage
                .asCommandMessage(new RecordServiceAccountLoginCommand(account.accountId()))
                .andMetaData(Map.of(MetaDataKeys.PRINCIPAL, account.user())));
        IssuedToken token = tokens.issue(account);
        List<String> globalRoles = permissions.of(new AuthenticatedAccount(account.accountId(), account.user()))
                .globalRoles();
        return new LoginResponse(token.token(), "Bearer", token.expiresAt(), LoginUser.of(account.user(), globalRoles));
    }

    private Optional<StoredCredentials> verified(LoginRequest request) {
        if (request.pass().length() > PasswordPolicy.MAX_LENGTH) {
            return Optional.empty(); // no account can have it: skip hashing attacker-sized input
        }
        Optional<StoredCredentials> account = credentials.findByUser(request.user());
        if (account.isEmpty()) {
            passwords.matchDecoy(request.pass());
            return Optional.empty();
        }
        boolean matches = passwords.matches(request.pass(), account.get().passwordHash());
        return matches && account.get().active() ? account : Optional.empty();
    }
}
