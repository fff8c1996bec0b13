package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;
import dev.raworc.server.MessageLoad.Acknowledged;

/**
 * What a server must show of the messages it acknowledged: each listed once in its session, with
 * the id and seq it was acknowledged with, among seqs 1 … n without a gap, and a count of n. A
 * message whose answer a crash cut off may be listed too, but only in its place in that numbering.
 */
final class AcknowledgedMessages {

    private AcknowledgedMessages() {
    }

    static void assertListed(ApiClient api, String token, List<Acknowledged> acknowledged, String context) {
        Map<String, List<Acknowledged>> bySession = acknowledged.stream().collect(Collectors.groupingBy(Acknowledged::session));
        bySession.forEach((session, expected) -> {
            List<JsonNode> listed = list(api, token, session, context);
            List<Long> seqs = listed.stream().map(message -> message.get("seq").asLong()).toList();
            assertThat(seqs).as("the seqs of session %s, oldest first (%s)", session, context).isEqualTo(SessionApi.seqs(1, listed.size()));
            Map<String, Long> seqById = new HashMap<>();
            listed.forEach(message -> assertThat(seqById.put(SessionApi.id(message), message.get("seq").asLong()))
                    .as("message %s listed once (%s)", SessionApi.id(message), context).isNull());
            for (Acknowledged message : expected) {
                assertThat(seqById.get(message.id())).as("acknowledged message %s of session %s (%s)", message.id(), session, context)
                        .isEqualTo(message.seq());
            }
            Response count = api.get(IdentityApi.BASE + "/sessions/" + session + "/messages/count", token);
            assertThat(SessionApi.ok(count, 200).get("count").asLong()).as("the count of session %s (%s)", session, context)
                    .isEqualTo(listed.size());
        });
    }

    /** Every message of the session, page by page as the server cuts them, oldest first. */
    private static List<JsonNode> list(ApiClient api, String token, String session, String context) {
        List<JsonNode> messages = new ArrayList<>();
        while (true) {
            Response page = api.get(IdentityApi.BASE + "/sessions/" + session + "/messages?limit=1000&offset=" + messages.size(), token);
            assertThat(page.status()).as("a page of session %s (%s): %s", session, context, page.text()).isEqualTo(200);
            if (page.json().isEmpty()) {
                assertThat(page.header("X-Total-Count")).as("the total of session %s (%s)", session, context)
                        .isEqualTo(Integer.toString(messages.size()));
                return messages;
            }
            page.json().forEach(messages::add);
        }
    }
}
