package dev.raworc.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.secret.SealedValue;
import dev.raworc.api.secret.SecretValue;

/**
 * Seals secret values under fresh data keys and opens them again; destroys data keys to make
 * values unrecoverable. Writes join the caller's transaction, so a data key exists exactly when
 * the event that refers to it was stored.
 */
@Component
public class SecretVault {

    private final MasterKey masterKey;
    private final JdbcClient jdbc;

    SecretVault(MasterKey masterKey, JdbcClient jdbc) {
        this.masterKey = masterKey;
        this.jdbc = jdbc;
    }

    /** Seals the value under a new data key bound to this secret, and stores the wrapped data key. */
    public SealedValue seal(UUID secretId, String space, SecretValue value) {
        UUID keyId = UUID.randomUUID();
        SecretKey dataKey = Aead.newKey();
        jdbc.sql("INSERT INTO secret_data_keys (key_id, secret_id, space, wrapped) VALUES (:id, :secret, :space, :wrapped)")
                .param("id", keyId).param("secret", secretId).param("space", space)
                .param("wrapped", masterKey.wrap(keyId, dataKey))
                .update();
        byte[] nonce = Aead.newNonce();
        byte[] ciphertext = Aead.seal(dataKey, nonce, value.plaintext().getBytes(StandardCharsets.UTF_8), Aead.bytes(secretId));
        Base64.Encoder base64 = Base64.getEncoder();
        return new SealedValue(keyId, base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    }

    /** @return the plaintext, or empty when the data key was destroyed */
    public Optional<String> open(UUID secretId, SealedValue sealed) {
        Optional<byte[]> wrapped = jdbc.sql("SELECT wrapped FROM secret_data_keys WHERE key_id = :id AND secret_id = :secret")
                .param("id", sealed.keyId()).param("secret", secretId)
                .query(byte[].class).optional();
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        try {
            SecretKey dataKey = masterKey.unwrap(sealed.keyId(), wrapped.get());
            Base64.Decoder base64 = Base64.getDecoder();
            byte[] plaintext = Aead.open(dataKey, base64.decode(sealed.nonce()), base64.decode(sealed.ciphertext()),
                    Aead.bytes(secretId));
            return Optional.of(new String(plaintext, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret " + secretId + " cannot be opened: its data or data key was altered");
        }
    }

    /** Destroys one data key: the value sealed under it can no longer be opened. */
    public void shredKey(UUID keyId) {
        jdbc.sql("DELETE FROM secret_data_keys WHERE key_id = :id").param("id", keyId).update();
    }

    /** Destroys every data key of a secret. */
    public void shredSecret(UUID secretId) {
        jdbc.sql("DELETE FROM secret_data_keys WHERE secret_id = :id").param("id", secretId).update();
    }

    /** Destroys every data key of every secret of a space. */
    public void shredSpace(String space) {
        jdbc.sql("DELETE FROM secret_data_keys WHERE space = :space").param("space", space).update();
    }
}
