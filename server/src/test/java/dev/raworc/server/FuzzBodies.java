package dev.raworc.server;

import static java.util.Map.entry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Combinators;

/**
 * Request bodies for the fuzz test: objects with the endpoint's own fields (so that the request
 * gets past the JSON reader into the handler) holding plausible or hostile values, and bodies that
 * are not such an object at all.
 */
final class FuzzBodies {

    /** The fields of each body, as the specification names them; an endpoint not listed takes {@code {}}. */
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            entry("POST /auth/login", List.of("user", "pass")),
            entry("POST /service-accounts", List.of("user", "pass", "description")),
            entry("PUT /service-accounts/{id}", List.of("description", "active")),
            entry("PUT /service-accounts/{id}/password", List.of("current_password", "new_password")),
            entry("POST /roles", List.of("name", "description", "rules")),
            entry("POST /role-bindings", List.of("role_name", "principal", "principal_type", "space")),
            entry("POST /spaces", List.of("name", "description", "settings")),
            entry("PUT /spaces/{name}", List.of("description", "settings", "active")),
            entry("POST /secrets", List.of("key", "value", "description")),
            entry("POST /spaces/{space}/secrets", List.of("key", "value", "description")),
            entry("PUT /secrets/{key}", List.of("value", "description")),
            entry("PUT /spaces/{space}/secrets/{key}", List.of("value", "description")),
            entry("POST /sessions", List.of("name", "space", "metadata", "image")),
            entry("PUT /sessions/{id}", List.of("name", "metadata")),
            entry("PUT /sessions/{id}/state", List.of("state", "reason")),
            entry("POST /sessions/{id}/remix", List.of("name", "metadata", "new_session_metadata",
                    "up_to_message_seq", "copy_messages", "copy_data")),
            entry("POST /sessions/{id}/messages", List.of("role", "content", "metadata")));

    private static final String[] NOT_AN_OBJECT = {"", "null", "[]", "\"x\"", "1", "{", "}", "{\"a\":}", "{} x",
            "{}{}", "{\"user\":\"a\",\"user\":\"b\"}", "\ufeff{}", "{\"a\":1e99999}", "[".repeat(3000) + "]".repeat(3000),
            "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001), "/* c */ {}", "{'a':1}", "{\"a\":NaN}"};

    private FuzzBodies() {
    }

    static boolean takesBody(FuzzTargets.Endpoint endpoint) {
        return endpoint.method().equals("POST") || endpoint.method().equals("PUT");
    }

    static boolean hashesAPassword(FuzzTargets.Endpoint endpoint) {
        return FIELDS.getOrDefault(endpoint.key(), List.of()).stream().anyMatch(field -> field.contains("pass"));
    }

    static Arbitrary<byte[]> body(FuzzTargets.Endpoint endpoint) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, object(FIELDS.getOrDefault(endpoint.key(), List.of())).map(FuzzBodies::utf8)),
                Tuple.of(1, Arbitraries.of(NOT_AN_OBJECT).map(FuzzBodies::utf8)),
                Tuple.of(1, Arbitraries.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'},
                        new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
                        new byte[] {(byte) 0xfe, (byte) 0xff, 0, '{', 0, '}'})));
    }

    private static Arbitrary<String> object(List<String> fields) {
        List<Arbitrary<String>> members = new ArrayList<>();
        for (String field : fields) {
            members.add(Arbitraries.frequencyOf(
                    Tuple.of(8, value(field).map(value -> FuzzText.json(field) + ":" + value)),
                    Tuple.of(2, Arbitraries.just(""))));
        }
        members.add(Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("")),
                Tuple.of(1, FuzzText.hostile().map(name -> FuzzText.json(name) + ":1"))));
        return Combinators.combine(members)
                .as(parts -> "{" + String.join(",", parts.stream().filter(part -> !part.isEmpty()).toList()) + "}");
    }

    private static Arbitrary<String> value(String field) {
        Arbitrary<String> typed = switch (field) {
            case "active", "copy_messages", "copy_data" -> Arbitraries.of("true", "false");
            case "up_to_message_seq" -> Arbitraries.of("1", "0", "-1", "1.5", "1e400", "99999999999999999999", "-0");
            case "metadata", "settings", "new_session_metadata" -> map();
            case "rules" -> rule().list().ofMaxSize(2).map(rules -> "[" + String.join(",", rules) + "]");
            case "user", "principal" -> Arbitraries.oneOf(Arbitraries.of("admin", "fuzzy"), FuzzText.value()).map(FuzzText::json);
            case "role_name" -> Arbitraries.oneOf(Arbitraries.of("admin", "viewer", "fz-role"), FuzzText.value()).map(FuzzText::json);
            case "state" -> Arbitraries.oneOf(Arbitraries.of("idle", "BUSY", "closed", "errored"), FuzzText.value()).map(FuzzText::json);
            case "role" -> Arbitraries.oneOf(Arbitraries.of("user", "AGENT", "system"), FuzzText.value()).map(FuzzText::json);
            case "space" -> Arbitraries.oneOf(Arbitraries.of("fz", "default"), FuzzText.value()).map(FuzzText::json);
            default -> FuzzText.value().map(FuzzText::json);
        };
        return Arbitraries.frequencyOf(Tuple.of(9, typed), Tuple.of(1, Arbitraries.of("null", "12", "[]", "{}", "true", "\"\"")));
    }

    private static Arbitrary<String> map() {
        Arbitrary<String> member = Combinators.combine(FuzzText.value(), FuzzText.value())
                .as((key, value) -> FuzzText.json(key) + ":" + FuzzText.json(value));
        return member.list().ofMaxSize(3).map(members -> "{" + String.join(",", members) + "}");
    }

    private static Arbitrary<String> rule() {
        Arbitrary<String> words = Arbitraries.oneOf(Arbitraries.of("*", "api", "sessions", "get", "list"), FuzzText.value())
                .map(FuzzText::json).list().ofMaxSize(2).map(items -> "[" + String.join(",", items) + "]");
        return Combinators.combine(words, words, words)
                .as((groups, resources, verbs) -> "{\"api_groups\":" + groups + ",\"resources\":" + resources
                        + ",\"verbs\":" + verbs + "}");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
