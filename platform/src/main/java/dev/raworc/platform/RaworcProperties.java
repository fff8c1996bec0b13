package dev.raworc.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation settings. Each maps to an environment variable by Spring's relaxed binding
 * ({@code raworc.jwt-secret} ← {@code RAWORC_JWT_SECRET}).
 *
 * @param dataDir       where the embedded database, generated keys and the generated admin
 *                      password live
 * @param sides         which sides this process runs; all of them by default
 * @param adminPassword password of the {@code admin} account created on first start; generated
 *                      when unset
 * @param jwtSecret     key that signs tokens, at least 32 bytes; generated into the data directory
 *                      when unset and the database is embedded
 * @param tokenLifetime how long an issued token stays valid
 * @param masterKey     base64 of the 32-byte key that wraps the secrets' data keys; generated into
 *                      the data directory when unset and the database is embedded
 * @param previousMasterKey the master key before a rotation: when set, data keys wrapped by it
 *                      are re-wrapped under {@code masterKey} at start
 * @param defaultImage  the container image of sessions that name none
 */
@ConfigurationProperties("raworc")
public record RaworcProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue({"command", "query", "runner"}) Set<Side> sides,
        String adminPassword,
        String jwtSecret,
        @DefaultValue("24h") Duration tokenLifetime,
        String masterKey,
        String previousMasterKey,
        @DefaultValue("raworc-agent:latest") String defaultImage) {

    /** Never prints the keys or the password, so logging the settings cannot leak them. */
    @Override
    public String toString() {
        return "RaworcProperties[dataDir=" + dataDir + ", sides=" + sides + ", tokenLifetime=" + tokenLifetime
                + ", defaultImage=" + defaultImage + "]";
    }
}
