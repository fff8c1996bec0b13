package dev.raworc.command.secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.api.secret.SealedValue;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.crypto.SpaceSecrets;

/**
 * A space's secrets from the command side's own state: the name claims say which secrets the space
 * has, each {@link Secret} aggregate holds its sealed value. Up to date at once, where a projection
 * could still lag behind a secret created just before the session.
 */
@Component
class CommandSpaceSecrets implements SpaceSecrets {

    private record Stored(String key, SealedValue sealed) {
    }

    private final JdbcClient jdbc;
    private final AggregateViews views;
    private final SecretVault vault;

    CommandSpaceSecrets(JdbcClient jdbc, AggregateViews views, SecretVault vault) {
        this.jdbc = jdbc;
        this.views = views;
        this.vault = vault;
    }

    @Override
    public Map<String, String> of(String space) {
        Map<String, String> values = new LinkedHashMap<>();
        for (UUID id : secretsOf(space)) {
            stored(id).ifPresent(secret -> vault.open(id, secret.sealed()).ifPresent(value -> values.put(secret.key(), value)));
        }
        return values;
    }

    private List<UUID> secretsOf(String space) {
        return jdbc.sql("""
                SELECT owner_id FROM name_claims WHERE kind = 'secret' AND split_part(name, '/', 1) = :space
                ORDER BY substr(name, strpos(name, '/') + 1)""")
                .param("space", space)
                .query(UUID.class).list();
    }

    /** Empty for a secret deleted since its claim was read. */
    private Optional<Stored> stored(UUID id) {
        try {
            return Optional.of(views.view(Secret.class, id, secret -> new Stored(secret.view().key(), secret.sealedValue())));
        } catch (DomainException refused) {
            if (refused.kind() != DomainException.Kind.NOT_FOUND) {
                throw refused;
            }
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SpaceSecrets";
    }
}
