package dev.raworc.server;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.raworc.server.ApiClient.Response;

/**
 * Requests the server cannot accept, each class once: every one is a 4xx in the error envelope
 * with a message that names the problem (the fuzz test, {@link BadInputFuzzTest}, looks for more).
 */
class MalformedRequestApiTest extends ApiTest {

    private static final String LOGIN = "/api/v0/auth/login";

    @Test
    void aBlankIdWhereAUuidBelongsIsABadRequest() {
        Response blank = api().get("/api/v0/admin/rebuilds/%09", adminToken());

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.error()).isEqualTo("BAD_REQUEST: Invalid value for parameter 'id'");
    }

    @Test
    void aFormBodyOnAPutIsUnsupportedEvenWhenItDoesNotDecode() {
        Response form = api().send("PUT", "/api/v0/spaces/default", adminToken(), "application/x-www-form-urlencoded", "{\"%\":1}");

        assertThat(form.status()).as(form.text()).isEqualTo(415);
        assertThat(form.error()).startsWith("UNSUPPORTED_MEDIA_TYPE: ");
    }

    @Test
    void aParameterNameTheFirewallRefusesIsABadRequest() {
        Response control = api().get("/api/v0/spaces/default?a%01b=1", adminToken());
        Response unassigned = api().get("/api/v0/spaces/default?%F4%8F%BF%BF=1", adminToken());

        assertThat(control.status()).isEqualTo(400);
        assertThat(control.error())
                .isEqualTo("BAD_REQUEST: The request was rejected because the parameter name \"a\u0001b\" is not allowed.");
        assertThat(unassigned.status()).isEqualTo(400);
        assertThat(unassigned.error()).startsWith("BAD_REQUEST: The request was rejected because the parameter name");
    }

    @Test
    void aWildcardOrMalformedContentTypeIsUnsupported() {
        Response wildcard = api().send("POST", LOGIN, null, "*/*", "{\"user\":\"admin\",\"pass\":\"x\"}");
        Response malformed = api().send("POST", "/api/v0/spaces", adminToken(), "application/", "{\"name\":\"ct\"}");

        assertThat(wildcard.status()).isEqualTo(415);
        assertThat(wildcard.error()).isEqualTo(
                "UNSUPPORTED_MEDIA_TYPE: Content type '*/*' is not a valid, concrete media type; send application/json");
        assertThat(malformed.status()).isEqualTo(415);
        assertThat(malformed.error()).isEqualTo(
                "UNSUPPORTED_MEDIA_TYPE: Content type 'application/' is not a valid, concrete media type; send application/json");
    }

    @Test
    void aLoneSurrogateInAJsonStringIsABadRequestAndNothingIsStored() {
        Response password = api().postJson(LOGIN, null, "{\"user\":\"admin\",\"pass\":\"password\\ud800\"}");
        Response description = api().postJson("/api/v0/spaces", adminToken(), "{\"name\":\"surrogate\",\"description\":\"\\udc00\"}");
        Response metadata = api().postJson("/api/v0/sessions", adminToken(), "{\"metadata\":{\"a\":[\"x\\ud83d\"]}}");

        assertThat(password.status()).isEqualTo(400);
        assertThat(password.error())
                .isEqualTo("BAD_REQUEST: pass: holds an unpaired UTF-16 surrogate (such as \\ud800), which is not Unicode text");
        assertThat(description.status()).isEqualTo(400);
        assertThat(description.error()).startsWith("BAD_REQUEST: description: holds an unpaired UTF-16 surrogate");
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.error()).startsWith("BAD_REQUEST: metadata: holds an unpaired UTF-16 surrogate");
        assertThat(api().get("/api/v0/spaces/surrogate", adminToken()).status()).isEqualTo(404);
    }

    @Test
    void aQueryStringThatDoesNotDecodeIsABadRequest() throws IOException {
        RawHttp.Answer encoding = raw("GET", "/api/v0/sessions?name=%zz", bearer());
        RawHttp.Answer notUtf8 = raw("GET", "/api/v0/sessions?name=%FF", bearer());
        RawHttp.Answer nameless = raw("GET", "/api/v0/sessions?=1", bearer());

        assertThat(List.of(encoding, notUtf8)).allSatisfy(answer -> assertThat(envelope(answer)).isEqualTo("400 BAD_REQUEST: "
                + "Request parameters could not be decoded: invalid percent-encoding, or bytes that are not UTF-8"));
        assertThat(envelope(nameless)).isEqualTo(
                "400 BAD_REQUEST: Request parameters are malformed: a parameter without a name, or too many parameters");
    }

    @Test
    void aUrlTheFirewallRefusesIsABadRequest() throws IOException {
        assertThat(envelope(raw("GET", "/api/v0//sessions", bearer()))).isEqualTo(
                "400 BAD_REQUEST: The request was rejected because the URL contained a potentially malicious String \"//\"");
        assertThat(envelope(raw("GET", "/api/v0/sessions;a=b", bearer()))).isEqualTo(
                "400 BAD_REQUEST: The request was rejected because the URL contained a potentially malicious String \";\"");
    }

    @Test
    void aHeaderValueTheFirewallRefusesIsABadRequestThatDoesNotRepeatIt() throws IOException {
        String token = adminToken();
        RawHttp.Answer answer = raw("GET", "/api/v0/sessions", List.of(entry("Authorization", "Bearer " + token + "\u0085")));

        assertThat(envelope(answer)).startsWith("400 BAD_REQUEST: The request was rejected because the header")
                .endsWith("has a value that is not allowed.");
        assertThat(answer.body()).doesNotContain(token);
    }

    @Test
    void whatTomcatRefusesItselfIsABadRequestInTheEnvelope() throws IOException {
        String token = adminToken();
        RawHttp.Answer encodedSlash = raw("GET", "/api/v0/sessions/a%2Fb", bearer());
        RawHttp.Answer controlInHeader = raw("GET", "/api/v0/sessions", List.of(entry("Authorization", "Bearer " + token + "\u0001")));
        RawHttp.Answer hugeHeader = raw("GET", "/api/v0/health", List.of(entry("X-Big", "a".repeat(20_000))));
        RawHttp.Answer transferCoding = raw("POST", LOGIN, List.of(entry("Transfer-Encoding", "gzip")));

        assertThat(envelope(encodedSlash)).isEqualTo("400 BAD_REQUEST: Bad Request: Invalid URI: [The encoded slash character is not allowed]");
        assertThat(envelope(controlInHeader)).isEqualTo(
                "400 BAD_REQUEST: Bad Request: The HTTP header line does not conform to RFC 9112. The request has been rejected.");
        assertThat(controlInHeader.body()).doesNotContain(token);
        assertThat(envelope(hugeHeader)).isEqualTo("400 BAD_REQUEST: Bad Request: Request header is too large");
        assertThat(envelope(transferCoding)).isEqualTo("400 BAD_REQUEST: Bad Request: Not Implemented");
    }

    @Test
    void jsonBeyondTheReadersLimitsIsABadRequest() {
        Response deep = api().postJson("/api/v0/sessions", adminToken(),
                "{\"metadata\":{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}}");
        Response longNumber = api().postJson("/api/v0/sessions", adminToken(), "{\"metadata\":{\"n\":" + "9".repeat(2000) + "}}");

        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.error()).isEqualTo("BAD_REQUEST: JSON in request body exceeds the reader's limits: "
                + "Document nesting depth (501) exceeds the maximum allowed (500)");
        assertThat(longNumber.status()).isEqualTo(400);
        assertThat(longNumber.error()).isEqualTo("BAD_REQUEST: JSON in request body exceeds the reader's limits: "
                + "Number value length (2000) exceeds the maximum allowed (1000)");
    }

    @Test
    void anUnknownMethodIsNotAllowed() {
        Response response = api().send("PROPFIND", "/api/v0/health", null, null, null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.error()).isEqualTo("METHOD_NOT_ALLOWED: Method PROPFIND is not allowed on /api/v0/health");
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    @Test
    void everyAnswerIsJsonWhateverAcceptAsksFor() throws IOException {
        List<Map.Entry<String, String>> xml = new ArrayList<>(bearer());
        xml.add(entry("Accept", "application/xml"));

        RawHttp.Answer found = raw("GET", "/api/v0/version", xml);
        RawHttp.Answer missing = raw("GET", "/api/v0/sessions/no-such-session", xml);
        RawHttp.Answer malformed = raw("GET", "/api/v0/version", List.of(entry("Accept", "///")));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.header("Content-Type")).startsWith("application/json");
        assertThat(envelope(missing)).isEqualTo("404 NOT_FOUND: Session 'no-such-session' not found");
        assertThat(malformed.status()).isEqualTo(200);
    }

    @Test
    void aMultipartBodyIsUnsupported() {
        Response response = api().send("POST", LOGIN, null, "multipart/form-data; boundary=x", "--x\r\n\r\n--x--");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.error())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE: Content type 'multipart/form-data' is not supported; send application/json");
    }

    private List<Map.Entry<String, String>> bearer() {
        return List.of(entry("Authorization", "Bearer " + adminToken()));
    }

    private RawHttp.Answer raw(String method, String target, List<Map.Entry<String, String>> headers) throws IOException {
        return RawHttp.exchange(port, new RawHttp.Request(method, target, headers, new byte[0]));
    }

    /** Status, code and message at once; fails unless the answer is the error envelope in JSON. */
    private static String envelope(RawHttp.Answer answer) {
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
        ApiClient.Response response = new ApiClient.Response(answer.status(), null, answer.body());
        return answer.status() + " " + response.error();
    }
}
