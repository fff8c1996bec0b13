package dev.raworc.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets' envelope encryption, written out again independently of the server's code, so a
 * test can try to open what is stored as an attacker holding the database and a master key would:
 * a wrapped data key is {@code nonce(12) || ciphertext+tag} under the master key with the key id's
 * 16 bytes as associated data; a value is sealed under its data key with the secret id's 16 bytes
 * as associated data.
 */
final class SecretCrypto {

    private static final int NONCE_BYTES = 12;

    private SecretCrypto() {
    }

    /** Base64 of 32 random bytes: a valid RAWORC_MASTER_KEY. */
    static String newMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** @throws GeneralSecurityException when the master key is not the one that wrapped the data key */
    static byte[] unwrap(String masterKey, UUID keyId, byte[] wrapped) throws GeneralSecurityException {
        return aesGcm(Base64.getDecoder().decode(masterKey), Arrays.copyOfRange(wrapped, 0, NONCE_BYTES),
                Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length), bytes(keyId));
    }

    /** @throws GeneralSecurityException when the key is not the one the value was sealed under */
    static String open(byte[] key, UUID secretId, String nonce, String ciphertext) throws GeneralSecurityException {
        Base64.Decoder base64 = Base64.getDecoder();
        return new String(aesGcm(key, base64.decode(nonce), base64.decode(ciphertext), bytes(secretId)),
                StandardCharsets.UTF_8);
    }

    private static byte[] aesGcm(byte[] key, byte[] nonce, byte[] ciphertext, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(ciphertext);
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
