package dev.raworc.api.secret;

import java.util.UUID;

/**
 * A secret value encrypted (AES-256-GCM) under its own data key, which is kept outside the event
 * log: once the data key is destroyed, no one can open this value again.
 *
 * @param keyId      the data key's id
 * @param nonce      base64 of the 12-byte GCM nonce, fresh for every value
 * @param ciphertext base64 of the ciphertext and tag
 */
public record SealedValue(UUID keyId, String nonce, String ciphertext) {
}
