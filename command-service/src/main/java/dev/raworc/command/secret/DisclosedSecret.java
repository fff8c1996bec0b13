package dev.raworc.command.secret;

import java.time.Instant;

import dev.raworc.api.secret.SecretView;

/** A secret with its value, as {@code show_values=true} answers to a caller with {@code read-values}. */
record DisclosedSecret(String key, String space, String description, String createdBy, Instant createdAt,
                       Instant updatedAt, String value) {

    static DisclosedSecret of(SecretView view, String value) {
        return new DisclosedSecret(view.key(), view.space(), view.description(), view.createdBy(), view.createdAt(),
                view.updatedAt(), value);
    }

    @Override
    public String toString() {
        return "DisclosedSecret[" + space + "/" + key + "]";
    }
}
