package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.raworc.api.session.MarkSessionReadyCommand;
import dev.raworc.server.ApiClient.Response;

/**
 * The audit history ({@code GET /sessions/{id}/events}) answers exactly what the event table
 * holds, page by page: every event type and every role, remixes, a cleared and a deleted session,
 * metadata of every JSON kind, and messages near 1 MiB whose pages the 8 MiB payload budget cuts
 * short. Each answer is compared whole (items, order of fields, headers) with {@link EventTableReading}.
 */
class SessionHistoryWireTest extends ApiTest {

    private static final int MIB = 1 << 20;

    @Autowired
    CommandGateway commands;

    private String token;

    @Test
    void everyPageOfEveryHistoryIsTheEventTableAsTheSpecRendersIt() {
        token = adminToken();
        IdentityApi identity = new IdentityApi(api(), token);
        SessionApi sessions = new SessionApi(identity);
        List<String> histories = new ArrayList<>(RichHistory.write(api(), token).sessionIds);
        histories.add(readyWithMetadataOfEveryKind(sessions));
        histories.add(largeMessages(sessions));

        for (String session : histories) {
            EventTableReading table = EventTableReading.of(jdbc, session);
            assertThat(table.total()).as(session).isPositive();
            for (Integer limit : new Integer[] {null, 1, 3, 1000}) {
                for (long offset = 0; offset < table.total(); ) {
                    offset += assertPage(session, table, limit, offset);
                }
            }
            assertPage(session, table, 5, table.total() / 2);
            assertPage(session, table, 1, table.total() - 1);
            assertPage(session, table, 0, 0);
            assertPage(session, table, 10, table.total());
            assertPage(session, table, 10, table.total() + 7);
            assertPage(session, table, 10, Long.MAX_VALUE);
        }
    }

    /**
     * A session the runner marked ready, with metadata of every JSON kind in its events. Metadata is
     * the client's and stays as written, also where its names look like the event's own fields.
     */
    private String readyWithMetadataOfEveryKind(SessionApi sessions) {
        String metadata = "{\"camelCase\":{\"innerName\":\"Kept\"},\"role\":\"Admin\",\"state\":\"IDLE\",\"int\":1,\"long\":12345678901,\"big\":123456789012345678901234567890,\"float\":1.5,"
                + "\"exp\":1e10,\"none\":null,\"yes\":true,\"text\":\"é ✓ \\\" \\\\ \\u0001\","
                + "\"nested\":{\"list\":[1,\"two\",null,{\"deep\":[]}],\"empty\":{}}}";
        String session = id(sessions.create("{\"metadata\":" + metadata + "}"));
        commands.sendAndWait(new MarkSessionReadyCommand(UUID.fromString(session), "container-1"));
        SessionApi.ok(sessions.postMessage(session, "{\"role\":\"agent\",\"content\":\"x\",\"metadata\":" + metadata + "}"),
                201);
        return session;
    }

    /** Messages at and near 1 MiB of content, some of which their JSON escapes make longer in the table. */
    private String largeMessages(SessionApi sessions) {
        String session = id(sessions.create());
        List<String> contents = List.of("m".repeat(MIB), "\"".repeat(MIB / 2), "é".repeat(MIB / 2), "\n".repeat(MIB));
        for (int i = 0; i < 12; i++) {
            SessionApi.ok(sessions.postMessage(session, json("role", "system", "content", contents.get(i % contents.size()),
                    "metadata", Map.of("i", i))), 201);
        }
        return session;
    }

    /** Asserts one answer whole; returns how many items it holds by its headers. */
    private int assertPage(String session, EventTableReading table, Integer limit, long offset) {
        String query = "?offset=" + offset + (limit == null ? "" : "&limit=" + limit);
        EventTableReading.ExpectedPage expected = table.page(limit == null ? 100 : limit, offset);
        Response answer = api().get("/api/v0/sessions/" + session + "/events" + query, token);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(List.of(answer.header("X-Total-Count"), answer.header("X-Page-Offset"), answer.header("X-Page-Limit")))
                .as("headers of %s%s", session, query)
                .containsExactly(Long.toString(expected.total()), Long.toString(expected.offset()),
                        Integer.toString(expected.limit()));
        assertThat(ApiClient.JSON.writeValueAsString(answer.json())).as("items of %s%s", session, query)
                .isEqualTo(ApiClient.JSON.writeValueAsString(expected.items()));
        return expected.limit();
    }
}
