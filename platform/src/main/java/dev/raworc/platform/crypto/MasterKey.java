package dev.raworc.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.storage.DataDirectory;
import dev.raworc.platform.storage.StorageMode;

/**
 * The key that wraps every secret's data key. It comes from {@code RAWORC_MASTER_KEY}, or on an
 * embedded install without one, from a key generated once into the data directory. At start it
 * must open the stored check value, or the server refuses to start; with
 * {@code RAWORC_PREVIOUS_MASTER_KEY} also set, data keys still wrapped by the previous key are
 * re-wrapped under the new one first (rotation), without touching any event.
 */
@Component
public class MasterKey {

    static final String FILE_NAME = "master-key";
    private static final byte[] CHECK_VALUE = "raworc master key check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECK_CONTEXT = "master-key-check".getBytes(StandardCharsets.UTF_8);
    private static final long ROTATION_LOCK = 0x6d61737465726bL;

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final SecretKey key;

    MasterKey(RaworcProperties properties, StorageMode mode, DataDirectory dataDirectory, JdbcClient jdbc,
              TransactionTemplate transactions) {
        this.key = configured(properties, mode, dataDirectory);
        Optional<SecretKey> previous = Optional.ofNullable(properties.previousMasterKey())
                .filter(StringUtils::hasText)
                .map(encoded -> decode(encoded, "RAWORC_PREVIOUS_MASTER_KEY"));
        transactions.executeWithoutResult(status -> verifyOrRotate(jdbc, previous));
    }

    byte[] wrap(UUID keyId, SecretKey dataKey) {
        return Aead.sealWithNonce(key, dataKey.getEncoded(), Aead.bytes(keyId));
    }

    SecretKey unwrap(UUID keyId, byte[] wrapped) throws GeneralSecurityException {
        return Aead.key(Aead.openWithNonce(key, wrapped, Aead.bytes(keyId)));
    }

    private void verifyOrRotate(JdbcClient jdbc, Optional<SecretKey> previous) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query().singleValue();
        Optional<byte[]> check = jdbc.sql("SELECT sealed FROM master_key_check WHERE id = 1").query(byte[].class).optional();
        if (check.isEmpty()) {
            jdbc.sql("INSERT INTO master_key_check (id, sealed) VALUES (1, :sealed)")
                    .param("sealed", Aead.sealWithNonce(key, CHECK_VALUE, CHECK_CONTEXT)).update();
        } else if (!opens(key, check.get())) {
            if (previous.isEmpty() || !opens(previous.get(), check.get())) {
                throw new IllegalStateException("RAWORC_MASTER_KEY does not match the master key that protects the "
                        + "stored secrets" + (previous.isPresent() ? ", and neither does RAWORC_PREVIOUS_MASTER_KEY" : ""));
            }
            rotate(jdbc, previous.get());
        }
    }

    private void rotate(JdbcClient jdbc, SecretKey previous) {
        record Wrapped(UUID keyId, byte[] wrapped) {
        }
        List<Wrapped> keys = jdbc.sql("SELECT key_id, wrapped FROM secret_data_keys FOR UPDATE")
                .query((rs, row) -> new Wrapped(rs.getObject("key_id", UUID.class), rs.getBytes("wrapped"))).list();
        for (Wrapped stored : keys) {
            try {
                SecretKey dataKey = Aead.key(Aead.openWithNonce(previous, stored.wrapped(), Aead.bytes(stored.keyId())));
                jdbc.sql("UPDATE secret_data_keys SET wrapped = :wrapped WHERE key_id = :id")
                        .param("id", stored.keyId()).param("wrapped", wrap(stored.keyId(), dataKey)).update();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Data key " + stored.keyId() + " is not wrapped by the previous master key", e);
            }
        }
        jdbc.sql("UPDATE master_key_check SET sealed = :sealed WHERE id = 1")
                .param("sealed", Aead.sealWithNonce(key, CHECK_VALUE, CHECK_CONTEXT)).update();
        log.info("Master key rotated: re-wrapped {} data keys under RAWORC_MASTER_KEY", keys.size());
    }

    private static boolean opens(SecretKey candidate, byte[] check) {
        try {
            return java.util.Arrays.equals(Aead.openWithNonce(candidate, check, CHECK_CONTEXT), CHECK_VALUE);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static SecretKey configured(RaworcProperties properties, StorageMode mode, DataDirectory dataDirectory) {
        if (StringUtils.hasText(properties.masterKey())) {
            return decode(properties.masterKey(), "RAWORC_MASTER_KEY");
        }
        if (mode == StorageMode.EXTERNAL) {
            throw new IllegalStateException("RAWORC_MASTER_KEY is required with an external database: set it to "
                    + "base64 of 32 random bytes (for example the output of 'openssl rand -base64 32')");
        }
        return decode(dataDirectory.readOrCreate(FILE_NAME, MasterKey::generate), "the master key in the data directory");
    }

    private static SecretKey decode(String encoded, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must be base64 of 32 bytes, but is not valid base64");
        }
        if (bytes.length != Aead.KEY_BYTES) {
            throw new IllegalStateException(source + " must be base64 of 32 bytes, but has " + bytes.length + " bytes");
        }
        return Aead.key(bytes);
    }

    private static String generate() {
        byte[] bytes = new byte[Aead.KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
