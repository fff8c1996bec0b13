package dev.raworc.api.secret;

/** Answers an {@code Optional<SecretView>}. */
public record FindSecretQuery(String space, String key) {
}
