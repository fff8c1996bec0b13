package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.raworc.server.ApiClient.Response;

/** A long-lived account is snapshotted off the request thread, and loads from its snapshot as it was. */
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

        // taken on its own thread after the hundredth change answered
        Eventually.await(Duration.ofSeconds(10), "a snapshot of the account", () -> jdbc.sql(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(Long.class).single() > 0);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("aggregate-snapshots");
        String snapshot = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = :id ORDER BY sequence_number DESC LIMIT 1")
                .param("id", id).query(String.class).single();
        assertThat(ApiClient.JSON.readTree(snapshot).get("accountId").asString()).isEqualTo(id);
        aggregateCache.removeAll(); // the next command must load the account from its snapshot
        Response updated = api().send("PUT", "/api/v0/service-accounts/" + id, admin, "application/json",
                "{\"description\":\"after the snapshot\",\"active\":false}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("description").asString()).isEqualTo("after the snapshot");
        assertThat(updated.json().get("active").asBoolean()).isFalse();
    }
}
