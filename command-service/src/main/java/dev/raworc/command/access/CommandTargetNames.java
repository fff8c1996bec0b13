package dev.raworc.command.access;

import java.util.Optional;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import dev.raworc.platform.access.TargetNames;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.security.StoredCredentials;
import dev.raworc.platform.storage.NameClaims;

/** The target names of a process with the command side: its claims and credentials, current at once. */
@Primary
@Component
class CommandTargetNames implements TargetNames {

    private final NameClaims names;
    private final AccountCredentials credentials;

    CommandTargetNames(NameClaims names, AccountCredentials credentials) {
        this.names = names;
        this.credentials = credentials;
    }

    @Override
    public Optional<String> role(String idOrName) {
        return names.ownerOfIdOrName(NameClaims.Kind.ROLE, idOrName).flatMap(owner -> names.name(NameClaims.Kind.ROLE, owner));
    }

    @Override
    public Optional<String> serviceAccount(String idOrUser) {
        return credentials.findByIdOrUser(idOrUser).map(StoredCredentials::user);
    }
}
