package dev.raworc.server;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import dev.raworc.api.secret.SealedValue;

/** Reads the secrets' events straight from the event store, as someone with the database would. */
final class SecretEvents {

    static final String CREATED = "dev.raworc.api.secret.SecretCreatedEvent";
    static final String VALUE_CHANGED = "dev.raworc.api.secret.SecretValueChangedEvent";
    static final String DELETED = "dev.raworc.api.secret.SecretDeletedEvent";
    static final String DISCLOSED = "dev.raworc.api.secret.SecretDisclosedEvent";

    /** A value as an event recorded it: which secret, and its ciphertext with the data key's id. */
    record Sealed(UUID secretId, SealedValue value) {

        UUID keyId() {
            return value.keyId();
        }
    }

    private SecretEvents() {
    }

    /** The id the secret got when it was created with this key in this space (the latest, if several). */
    static UUID secretId(JdbcClient jdbc, String space, String key) {
        return jdbc.sql("""
                SELECT aggregate_identifier FROM domain_event_entry
                WHERE payload_type = :type
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'space' = :space
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'key' = :key
                ORDER BY global_index DESC LIMIT 1""")
                .param("type", CREATED).param("space", space).param("key", key)
                .query(String.class).optional().map(UUID::fromString)
                .orElseThrow(() -> new AssertionError("no " + CREATED + " for " + space + "/" + key));
    }

    /** Every value the secret ever had, oldest first, as its created and value-changed events hold them. */
    static List<Sealed> values(JdbcClient jdbc, UUID secretId) {
        return jdbc.sql("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = :id AND payload_type IN (:types)
                ORDER BY sequence_number""")
                .param("id", secretId.toString()).param("types", List.of(CREATED, VALUE_CHANGED))
                .query(String.class).list().stream()
                .map(payload -> ApiClient.JSON.readTree(payload).get("value"))
                .map(value -> new Sealed(secretId, sealed(value)))
                .toList();
    }

    /** The principals the secret's value was disclosed to, in order. */
    static List<String> disclosedTo(JdbcClient jdbc, UUID secretId) {
        return jdbc.sql("""
                SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = :id AND payload_type = :type ORDER BY sequence_number""")
                .param("id", secretId.toString()).param("type", DISCLOSED)
                .query(String.class).list().stream()
                .map(meta -> ApiClient.JSON.readTree(meta).get("principal").asString())
                .toList();
    }

    static long count(JdbcClient jdbc, UUID secretId, String type) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id AND payload_type = :type")
                .param("id", secretId.toString()).param("type", type)
                .query(Long.class).single();
    }

    /** Whether the data key is still stored (wrapped) in {@code secret_data_keys}. */
    static boolean dataKeyExists(JdbcClient jdbc, UUID keyId) {
        return jdbc.sql("SELECT count(*) FROM secret_data_keys WHERE key_id = :id").param("id", keyId)
                .query(Long.class).single() > 0;
    }

    private static SealedValue sealed(JsonNode value) {
        return new SealedValue(UUID.fromString(value.get("keyId").asString()), value.get("nonce").asString(),
                value.get("ciphertext").asString());
    }
}
