package dev.raworc.server;

import static dev.raworc.server.SecretApiTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.crypto.SpaceSecrets;
import dev.raworc.platform.storage.DataDirectory;
import dev.raworc.platform.testing.DatabaseScan;
import dev.raworc.server.ApiClient.Response;
import dev.raworc.server.SecretEvents.Sealed;

/**
 * Crypto-shredding: deleting a secret, replacing its value or deleting its space destroys the data
 * keys, so the ciphertext that stays in the event history can no longer be opened, by the server
 * nor by someone holding the database and the master key.
 */
class SecretShreddingTest extends ApiTest {

    @Autowired
    SecretVault vault;

    @Autowired
    DataDirectory dataDirectory;

    @Autowired
    SpaceSecrets spaceSecrets;

    private String admin;

    @BeforeEach
    void logIn() {
        admin = adminToken();
    }

    @Test
    void deletingASecretKeepsItsEventsButDestroysItsDataKey() throws Exception {
        String space = newSpace();
        String value = "shred-me-" + UUID.randomUUID();
        create(space, "SHREDDED", value);
        UUID id = SecretEvents.secretId(jdbc, space, "SHREDDED");
        Sealed sealed = single(SecretEvents.values(jdbc, id));
        assertThat(vault.open(id, sealed.value())).contains(value);
        assertThat(openWithTheDatabaseAndMasterKey(sealed)).as("before the delete, the key holder can").contains(value);

        assertThat(delete("/api/v0/spaces/" + space + "/secrets/SHREDDED").status()).isEqualTo(204);

        assertThat(SecretEvents.values(jdbc, id)).as("the ciphertext stays in the history").containsExactly(sealed);
        assertThat(sealed.value().ciphertext()).isNotBlank();
        assertThat(SecretEvents.count(jdbc, id, SecretEvents.DELETED)).isEqualTo(1);
        assertThat(SecretEvents.dataKeyExists(jdbc, sealed.keyId())).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM secret_data_keys WHERE secret_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        assertThat(vault.open(id, sealed.value())).isEmpty();
        assertThat(openWithTheDatabaseAndMasterKey(sealed)).as("after the delete, no one can").isEmpty();
        assertThatThrownBy(() -> SecretCrypto.open(masterKeyBytes(), id, sealed.value().nonce(), sealed.value().ciphertext()))
                .as("the value was never sealed under the master key itself")
                .isInstanceOf(GeneralSecurityException.class);
        awaitProjections();
        assertThat(DatabaseScan.tablesContaining(jdbc, sealed.keyId().toString()))
                .as("only the event history still names the data key").containsExactly("domain_event_entry");
    }

    @Test
    void replacingAValueDestroysTheOldDataKeyAndTheNewValueOpens() throws Exception {
        String space = newSpace();
        create(space, "REPLACED", "old-value-" + UUID.randomUUID());
        String newValue = "new-value-" + UUID.randomUUID();

        Response replaced = api().send("PUT", "/api/v0/secrets/REPLACED?space=" + space, admin, "application/json",
                body("value", newValue));

        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        UUID id = SecretEvents.secretId(jdbc, space, "REPLACED");
        List<Sealed> values = SecretEvents.values(jdbc, id);
        assertThat(values).hasSize(2);
        Sealed old = values.get(0);
        Sealed current = values.get(1);
        assertThat(current.keyId()).isNotEqualTo(old.keyId());
        assertThat(SecretEvents.dataKeyExists(jdbc, old.keyId())).isFalse();
        assertThat(vault.open(id, old.value())).isEmpty();
        assertThat(openWithTheDatabaseAndMasterKey(old)).isEmpty();
        assertThat(SecretEvents.dataKeyExists(jdbc, current.keyId())).isTrue();
        assertThat(vault.open(id, current.value())).contains(newValue);
        assertThat(openWithTheDatabaseAndMasterKey(current)).contains(newValue);
    }

    @Test
    void deletingASpaceDestroysTheDataKeysOfAllItsSecrets() throws Exception {
        String space = newSpace();
        create(space, "ONE", "space-one-" + UUID.randomUUID());
        create(space, "TWO", "space-two-" + UUID.randomUUID());
        api().send("PUT", "/api/v0/spaces/" + space + "/secrets/TWO", admin, "application/json",
                body("value", "space-two-replaced"));
        String survivor = newSpace();
        create(survivor, "ONE", "survives");
        List<Sealed> doomed = SecretEvents.values(jdbc, SecretEvents.secretId(jdbc, space, "ONE"));
        doomed = concat(doomed, SecretEvents.values(jdbc, SecretEvents.secretId(jdbc, space, "TWO")));
        assertThat(doomed).hasSize(3);
        assertThat(dataKeysOf(space)).isEqualTo(2);

        assertThat(delete("/api/v0/spaces/" + space).status()).isEqualTo(204);

        assertThat(dataKeysOf(space)).isZero();
        for (Sealed sealed : doomed) {
            assertThat(SecretEvents.dataKeyExists(jdbc, sealed.keyId())).isFalse();
            assertThat(vault.open(sealed.secretId(), sealed.value())).isEmpty();
            assertThat(SecretEvents.values(jdbc, sealed.secretId())).contains(sealed);
        }
        Sealed kept = single(SecretEvents.values(jdbc, SecretEvents.secretId(jdbc, survivor, "ONE")));
        assertThat(vault.open(kept.secretId(), kept.value())).contains("survives");

        assertThat(api().postJson("/api/v0/spaces", admin, body("name", space)).status()).isEqualTo(201);
        assertThat(api().get("/api/v0/spaces/" + space + "/secrets", admin).json().isEmpty())
                .as("a new space of the same name starts without secrets").isTrue();
        create(space, "ONE", "reborn");
        assertThat(api().get("/api/v0/spaces/" + space + "/secrets/ONE?show_values=true", admin).json()
                .get("value").asString()).isEqualTo("reborn");
    }

    @Test
    void theRunnerGetsTheSpaceValuesUntilTheyAreShredded() {
        String space = newSpace();
        create(space, "RUNNER_A", "runner-a");
        create(space, "RUNNER_B", "runner-b");
        create(newSpace(), "RUNNER_C", "other space");

        assertThat(spaceSecrets.of(space)).isEqualTo(Map.of("RUNNER_A", "runner-a", "RUNNER_B", "runner-b"));
        assertThat(delete("/api/v0/spaces/" + space + "/secrets/RUNNER_A").status()).isEqualTo(204);
        assertThat(spaceSecrets.of(space)).isEqualTo(Map.of("RUNNER_B", "runner-b"));
        assertThat(delete("/api/v0/spaces/" + space).status()).isEqualTo(204);
        assertThat(spaceSecrets.of(space)).isEmpty();
    }

    @Test
    void eachValueIsSealedUnderItsOwnDataKeyWithAFreshNonce() {
        String space = newSpace();
        create(space, "SAME_A", "the same value");
        create(space, "SAME_B", "the same value");

        Sealed a = single(SecretEvents.values(jdbc, SecretEvents.secretId(jdbc, space, "SAME_A")));
        Sealed b = single(SecretEvents.values(jdbc, SecretEvents.secretId(jdbc, space, "SAME_B")));

        assertThat(a.keyId()).isNotEqualTo(b.keyId());
        assertThat(a.value().nonce()).isNotEqualTo(b.value().nonce());
        assertThat(Base64.getDecoder().decode(a.value().nonce())).hasSize(12);
        assertThat(a.value().ciphertext()).isNotEqualTo(b.value().ciphertext());
        assertThat(Base64.getDecoder().decode(a.value().ciphertext()))
                .as("the value plus a 16-byte tag").hasSize("the same value".length() + 16);
    }

    /**
     * What an admin holding the database and the master key could recover: unwrap the stored data
     * key with the master key, then open the ciphertext with it. Empty when the data key is gone.
     */
    private Optional<String> openWithTheDatabaseAndMasterKey(Sealed sealed) throws GeneralSecurityException {
        Optional<byte[]> wrapped = jdbc.sql("SELECT wrapped FROM secret_data_keys WHERE key_id = :id")
                .param("id", sealed.keyId()).query(byte[].class).optional();
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        byte[] dataKey = SecretCrypto.unwrap(masterKey(), sealed.keyId(), wrapped.get());
        return Optional.of(SecretCrypto.open(dataKey, sealed.secretId(), sealed.value().nonce(),
                sealed.value().ciphertext()));
    }

    private String masterKey() {
        return dataDirectory.read("master-key").orElseThrow();
    }

    private byte[] masterKeyBytes() {
        return Base64.getDecoder().decode(masterKey());
    }

    private long dataKeysOf(String space) {
        return jdbc.sql("SELECT count(*) FROM secret_data_keys WHERE space = :space").param("space", space)
                .query(Long.class).single();
    }

    private void create(String space, String key, String value) {
        Response created = api().postJson("/api/v0/spaces/" + space + "/secrets", admin, body("key", key, "value", value));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private Response delete(String path) {
        return api().send("DELETE", path, admin, null, null);
    }

    private String newSpace() {
        String name = "shred-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().postJson("/api/v0/spaces", admin, body("name", name)).status()).isEqualTo(201);
        return name;
    }

    private static Sealed single(List<Sealed> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static List<Sealed> concat(List<Sealed> first, List<Sealed> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
