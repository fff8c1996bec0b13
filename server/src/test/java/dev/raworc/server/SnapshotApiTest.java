package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** Long-lived aggregates are snapshotted off the request thread, and load from their snapshot as they were. */
class SnapshotApiTest extends ApiTest {

    @Autowired
    Cache aggregateCache;

    @Test
    void accountKeepsWorkingAcrossItsSnapshot() {
        String user = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = adminToken();
        Response created = api().postJson("/api/v0/service-accounts", admin,
                "{\"user\":\"" + user + "\",\"pass\":\"snapshot-password\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();

        for (int change = 1; change <= 120; change++) {
            assertThat(api().send("PUT", "/api/v0/service-accounts/" + id, admin, "application/json",
                    "{\"description\":\"change " + change + "\"}").status()).isEqualTo(200);
        }

        assertThat(awaitSnapshot(id).get("accountId").asString()).isEqualTo(id);
        aggregateCache.removeAll(); // the next command must load the account from its snapshot
        Response updated = api().send("PUT", "/api/v0/service-accounts/" + id, admin, "application/json",
                "{\"description\":\"after the snapshot\",\"active\":false}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("description").asString()).isEqualTo("after the snapshot");
        assertThat(updated.json().get("active").asBoolean()).isFalse();
    }

    @Test
    void aSecretAnswersAndDisclosesAcrossItsSnapshot() {
        String space = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = adminToken();
        assertThat(api().postJson("/api/v0/spaces", admin, "{\"name\":\"" + space + "\"}").status()).isEqualTo(201);
        String secret = "/api/v0/spaces/" + space + "/secrets/SNAP";
        assertThat(api().postJson("/api/v0/spaces/" + space + "/secrets", admin,
                "{\"key\":\"SNAP\",\"value\":\"snapshot-value\"}").status()).isEqualTo(201);
        String id = jdbc.sql("SELECT id FROM secrets WHERE space = :space").param("space", space)
                .query(String.class).single();

        for (int disclosure = 1; disclosure <= 105; disclosure++) {
            assertThat(api().get(secret + "?show_values=true", admin).status()).isEqualTo(200);
        }

        assertThat(awaitSnapshot(id).get("value").get("ciphertext").asString()).isNotBlank();
        aggregateCache.removeAll(); // the next answers must come from the snapshot
        Response updated = api().send("PUT", secret, admin, "application/json", "{\"description\":\"after\"}");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(api().get(secret, admin).text()).isEqualTo(updated.text());
        assertThat(api().get(secret + "?show_values=true", admin).json().get("value").asString())
                .isEqualTo("snapshot-value");
    }

    /** The aggregate's newest snapshot, taken on its own thread after the hundredth event. */
    private JsonNode awaitSnapshot(String id) {
        Eventually.await(Duration.ofSeconds(10), "a snapshot of " + id, () -> jdbc.sql(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(Long.class).single() > 0);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("aggregate-snapshots");
        return ApiClient.JSON.readTree(jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = :id ORDER BY sequence_number DESC LIMIT 1")
                .param("id", id).query(String.class).single());
    }
}
