package dev.raworc.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;

import io.jsonwebtoken.security.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.storage.DataDirectory;
import dev.raworc.platform.storage.StorageMode;

/**
 * The key that signs tokens: {@code RAWORC_JWT_SECRET}, or on an embedded install without one, a
 * random key generated once and kept owner-only in the data directory. Processes sharing an
 * external database must share the key, so there it has to be configured.
 */
@Component
class JwtSigningKey {

    static final int MIN_BYTES = 32;
    static final String FILE_NAME = "jwt-secret";

    private static final Logger log = LoggerFactory.getLogger(JwtSigningKey.class);

    private final SecretKey key;

    JwtSigningKey(RaworcProperties properties, StorageMode mode, DataDirectory dataDirectory) {
        this.key = Keys.hmacShaKeyFor(secretBytes(properties, mode, dataDirectory));
    }

    SecretKey key() {
        return key;
    }

    private static byte[] secretBytes(RaworcProperties properties, StorageMode mode, DataDirectory dataDirectory) {
        if (StringUtils.hasText(properties.jwtSecret())) {
            byte[] bytes = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw new IllegalStateException("RAWORC_JWT_SECRET must be at least " + MIN_BYTES
                        + " bytes long, but has " + bytes.length);
            }
            return bytes;
        }
        if (mode == StorageMode.EXTERNAL) {
            throw new IllegalStateException("RAWORC_JWT_SECRET is required with an external database: every "
                    + "process sharing the database must sign tokens with the same key");
        }
        String stored = dataDirectory.readOrCreate(FILE_NAME, JwtSigningKey::generate);
        log.info("Token signing key: {} in the data directory (set RAWORC_JWT_SECRET to choose one)", FILE_NAME);
        return Base64.getDecoder().decode(stored);
    }

    private static String generate() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
