package dev.raworc.server;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import dev.raworc.platform.web.ErrorCode;
import dev.raworc.server.FuzzTargets.Endpoint;

/**
 * Property-based fuzzing of the whole API over real HTTP: whatever the path, query, method,
 * headers or body, the server answers below 500, every error body is the error envelope with one
 * of the specification's codes and a message (which never repeats the caller's token), no answer
 * shows a stack trace, and nothing is logged at ERROR. The server is its own, so the writes the fuzzer gets through disturb no other test.
 */
class BadInputFuzzTest {

    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat [\\w$.]+\\(|\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b");
    private static final List<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
    private static final List<String> KNOWN_PARAMETERS =
            List.of("limit", "offset", "after_seq", "as_of", "show_values", "space", "state", "role", "active", "name");

    private static ConfigurableApplicationContext server;
    private static int port;
    private static FuzzTargets targets;
    private static final ListAppender<ILoggingEvent> errorLog = new ListAppender<>();

    @BeforeContainer
    static void start() {
        server = ServerProcess.start(ServerProcess.newDataDirectory("fuzz"), "--raworc.admin-password=fuzz-admin-password",
                "--raworc.sides=command,query");
        ApiClient api = ServerProcess.api(server);
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        targets = FuzzTargets.create(api, api.login("admin", "fuzz-admin-password"));
        errorLog.addFilter(new ch.qos.logback.core.filter.Filter<>() {
            @Override
            public ch.qos.logback.core.spi.FilterReply decide(ILoggingEvent event) {
                return event.getLevel().isGreaterOrEqual(Level.ERROR)
                        ? ch.qos.logback.core.spi.FilterReply.NEUTRAL : ch.qos.logback.core.spi.FilterReply.DENY;
            }
        });
        errorLog.start();
        rootLogger().addAppender(errorLog);
    }

    @AfterContainer
    static void stop() {
        rootLogger().detachAppender(errorLog);
        server.close();
    }

    @Property(tries = 700)
    void pathsAndQueryParameters(@ForAll("queries") RawHttp.Request request) throws IOException {
        answersWithoutServerError(request);
    }

    @Property(tries = 400)
    void methodsAndHeaders(@ForAll("headers") RawHttp.Request request) throws IOException {
        answersWithoutServerError(request);
    }

    @Property(tries = 700)
    void bodies(@ForAll("bodies") RawHttp.Request request) throws IOException {
        answersWithoutServerError(request);
    }

    @Provide
    Arbitrary<RawHttp.Request> queries() {
        return targets.endpoint().flatMap(endpoint -> Combinators.combine(
                targets.path(endpoint), query(endpoint), targets.authorization(), body(endpoint, Arbitraries.just("application/json")))
                .as((path, query, authorization, body) -> new RawHttp.Request(endpoint.method(), path + query,
                        headers(authorization, body.getKey(), null), body.getValue())));
    }

    @Provide
    Arbitrary<RawHttp.Request> headers() {
        Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("application/json")),
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(4, Arbitraries.of("*/*", "application/*", "text/plain", "application/", "a/b;c", "garbage", "/",
                        "application/json;charset=bogus", "application/json; charset=utf-16", "application/json;;",
                        "multipart/form-data", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                        "application/json\u0085", "application/merge-patch+json", "text/*")));
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
                "PROPFIND", "FOO", "get", "M-SEARCH");
        Arbitrary<String> accept = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of("application/xml", "text/html", "*/*", "///", "application/json;q=x", "\u0085",
                        "application/json", "text/event-stream", "image/png;q=0.5, application/*;q=0")));
        return targets.endpoint().flatMap(endpoint -> Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(endpoint.method())), Tuple.of(1, method)),
                targets.path(endpoint), targets.authorization(), body(endpoint, contentType), accept, extraHeader())
                .as((verb, path, authorization, body, accepted, extra) -> {
                    List<Map.Entry<String, String>> headers = headers(authorization, body.getKey(), accepted);
                    headers.addAll(extra);
                    return new RawHttp.Request(verb, path, headers, body.getValue());
                }));
    }

    @Provide
    Arbitrary<RawHttp.Request> bodies() {
        // the endpoints that hash a password are tried more often: hashing is where odd text broke
        Arbitrary<Endpoint> withBody = Arbitraries.frequencyOf(targets.endpoints.stream().filter(FuzzBodies::takesBody)
                .map(endpoint -> Tuple.of(FuzzBodies.hashesAPassword(endpoint) ? 4 : 1, Arbitraries.just(endpoint)))
                .toArray(Tuple.Tuple2[]::new));
        return withBody.flatMap(endpoint -> Combinators.combine(targets.path(endpoint), targets.authorization(),
                        FuzzBodies.body(endpoint))
                .as((path, authorization, body) -> new RawHttp.Request(endpoint.method(), path,
                        headers(authorization, "application/json", null), body)));
    }

    /** A body and its content type: for endpoints that read one, usually; for the others, rarely. */
    private static Arbitrary<Map.Entry<String, byte[]>> body(Endpoint endpoint, Arbitrary<String> contentType) {
        Arbitrary<Map.Entry<String, byte[]>> some = Combinators.combine(contentType, FuzzBodies.body(endpoint)).as(Map::entry);
        Arbitrary<Map.Entry<String, byte[]>> none = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, contentType)).map(type -> entry(type, new byte[0]));
        return FuzzBodies.takesBody(endpoint)
                ? Arbitraries.frequencyOf(Tuple.of(4, some), Tuple.of(1, none))
                : Arbitraries.frequencyOf(Tuple.of(1, some), Tuple.of(4, none));
    }

    private static Arbitrary<String> query(Endpoint endpoint) {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(3, endpoint.queryParameters().isEmpty() ? Arbitraries.of(KNOWN_PARAMETERS) : Arbitraries.of(endpoint.queryParameters())),
                Tuple.of(1, Arbitraries.of(KNOWN_PARAMETERS)),
                Tuple.of(3, FuzzText.onTheWire(FuzzText.hostile())));
        Arbitrary<String> value = FuzzText.onTheWire(Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("0", "1", "10", "1000", "true", "false", "idle", "USER", "fz", "default",
                        "2026-01-01T00:00:00Z", "-1", "1e9", "-0", "99999999999999999999", "NaN", "1.5", "0x1")),
                Tuple.of(2, FuzzText.value())));
        // wait holds a long poll open for its seconds: only values that answer at once
        Arbitrary<String> parameter = Combinators.combine(name, value)
                .as((n, v) -> n.equals("wait") ? "wait=0" : n + "=" + v);
        Arbitrary<String> odd = Arbitraries.of("=1", "&&", "a", "a=1=2", "%", "limit", "limit=1&limit=2", "wait=NaN&after_seq=0",
                "after_seq=0&wait=-1", "after_seq=0&wait=61", "wait=99999999999&after_seq=1");
        return Arbitraries.oneOf(parameter, parameter, odd).list().ofMaxSize(3)
                .map(parameters -> parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    private static Arbitrary<List<Map.Entry<String, String>>> extraHeader() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(List.of())),
                Tuple.of(1, Arbitraries.of("X-Fuzz", "If-Modified-Since", "Range", "Accept-Charset", "Origin", "Expect",
                                "Transfer-Encoding", "X-Forwarded-For")
                        .flatMap(header -> FuzzText.hostile().filter(text -> text.chars().allMatch(c -> c >= 0x20 && c <= 0xff))
                                .map(text -> List.of(entry(header, text))))),
                Tuple.of(1, Arbitraries.just(List.of(entry("X-Fuzz", "a".repeat(10_000))))));
    }

    private static List<Map.Entry<String, String>> headers(String authorization, String contentType, String accept) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (!authorization.isEmpty()) {
            headers.add(entry("Authorization", authorization));
        }
        if (!contentType.isEmpty()) {
            headers.add(entry("Content-Type", contentType));
        }
        if (accept != null && !accept.isEmpty()) {
            headers.add(entry("Accept", accept));
        }
        return headers;
    }

    private static void answersWithoutServerError(RawHttp.Request request) throws IOException {
        errorLog.list.clear();
        RawHttp.Answer answer = RawHttp.exchange(port, request);

        assertThat(answer.status()).as("status of %s%n→ %s", request, answer).isBetween(200, 499);
        if (answer.status() >= 400 && !request.method().equals("HEAD")) {
            assertThat(answer.header("Content-Type")).as("type of %s%n→ %s", request, answer).startsWith("application/json");
            JsonNode error = ApiClient.JSON.readTree(answer.body()).path("error");
            assertThat(error.path("code").asString("")).as("code of %s%n→ %s", request, answer).isIn(CODES);
            assertThat(error.path("message").asString("")).as("message of %s%n→ %s", request, answer).isNotBlank();
            assertThat(answer.body()).as("token repeated in %s", answer).doesNotContain(targets.adminToken, targets.viewerToken);
        }
        assertThat(STACK_TRACE.matcher(answer.body()).find()).as("stack trace in %s%n→ %s", request, answer).isFalse();
        assertThat(errorLog.list).as("errors logged for %s", request)
                .extracting(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName())).isEmpty();
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
