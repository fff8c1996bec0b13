package dev.raworc.platform.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.secret.SealedValue;

/**
 * A space's secrets, opened, as key → value: what the runner injects into a session's container
 * environment. In-process only; no endpoint serves it.
 */
@Component
public class SpaceSecrets {

    private final JdbcClient jdbc;
    private final SecretVault vault;

    SpaceSecrets(JdbcClient jdbc, SecretVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    public Map<String, String> of(String space) {
        record Stored(UUID id, String key, SealedValue sealed) {
        }
        Map<String, String> values = new LinkedHashMap<>();
        jdbc.sql("SELECT id, key, key_id, nonce, ciphertext FROM secrets WHERE space = :space ORDER BY key")
                .param("space", space)
                .query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("key"),
                        new SealedValue(rs.getObject("key_id", UUID.class), rs.getString("nonce"), rs.getString("ciphertext"))))
                .list()
                .forEach(secret -> vault.open(secret.id(), secret.sealed()).ifPresent(value -> values.put(secret.key(), value)));
        return values;
    }

    @Override
    public String toString() {
        return "SpaceSecrets";
    }
}
