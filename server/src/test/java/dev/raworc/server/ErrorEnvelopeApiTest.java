package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.raworc.server.ApiClient.Response;

/** Every error path the framework raises answers in the error envelope. */
class ErrorEnvelopeApiTest extends ApiTest {

    private static final String LOGIN = "/api/v0/auth/login";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: (\\d+)");

    @Test
    void unknownRouteIsNotFound() {
        Response response = api().get("/api/v0/no-such-thing", adminToken());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("NOT_FOUND: No endpoint GET /api/v0/no-such-thing");
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void unknownRouteWithoutATokenRevealsNothing() {
        Response response = api().get("/api/v0/no-such-thing", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("UNAUTHORIZED: Missing bearer token");
    }

    @Test
    void wrongMethodIsNotAllowed() {
        Response response = api().send("DELETE", "/api/v0/health", null, null, null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.error()).isEqualTo("METHOD_NOT_ALLOWED: Method DELETE is not allowed on /api/v0/health");
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        Response response = api().send("POST", LOGIN, null, "text/plain", "user=admin");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.error())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE: Content type 'text/plain' is not supported; send application/json");
    }

    @Test
    void malformedJsonIsABadRequest() {
        Response response = api().postJson(LOGIN, null, "{\"user\": \"admin\", ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("BAD_REQUEST: Malformed JSON in request body");
    }

    @Test
    void missingBodyIsABadRequest() {
        Response response = api().postJson(LOGIN, null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("BAD_REQUEST: Request body is required");
    }

    @Test
    void unknownFieldIsNamed() {
        Response response = api().postJson(LOGIN, null, "{\"user\":\"admin\",\"pass\":\"x\",\"password\":\"x\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.error()).isEqualTo("VALIDATION_ERROR: Unknown field 'password'");
        assertThat(response.json().at("/error/details/0/field").asString()).isEqualTo("password");
    }

    @Test
    void fieldOfTheWrongTypeIsNotCoerced() {
        Response number = api().postJson(LOGIN, null, "{\"user\":12345678,\"pass\":\"x\"}");
        Response object = api().postJson(LOGIN, null, "{\"user\":\"admin\",\"pass\":{}}");

        assertThat(number.status()).isEqualTo(422);
        assertThat(number.error()).isEqualTo("VALIDATION_ERROR: Field 'user' must be a string");
        assertThat(object.status()).isEqualTo(422);
        assertThat(object.error()).isEqualTo("VALIDATION_ERROR: Field 'pass' must be a string");
    }

    @Test
    void bodyThatIsNotAnObjectFailsValidation() {
        Response response = api().postJson(LOGIN, null, "[\"admin\"]");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.error()).isEqualTo("VALIDATION_ERROR: Request body must be a JSON object");
    }

    @Test
    void missingFieldFailsValidationWithDetails() {
        Response response = api().postJson(LOGIN, null, "{\"user\":\"admin\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.error()).isEqualTo("VALIDATION_ERROR: Invalid request: pass must not be null");
        assertThat(response.json().at("/error/details/0/field").asString()).isEqualTo("pass");
    }

    @Test
    void aNulCharacterIsRefusedWhereverItIsSent() {
        Response inBody = api().postJson("/api/v0/spaces", adminToken(), "{\"name\":\"nul\",\"description\":\"a\\u0000\"}");
        Response inLogin = api().postJson(LOGIN, null, "{\"user\":\"admin\\u0000\",\"pass\":\"x\"}");
        Response inQuery = api().get("/api/v0/sessions?name=a%00b", adminToken());
        Response inPath = api().get("/api/v0/sessions/a%00b", adminToken());

        assertThat(inBody.status()).isEqualTo(422);
        assertThat(inBody.error()).isEqualTo("VALIDATION_ERROR: description: must not contain the character U+0000");
        assertThat(inLogin.status()).isEqualTo(422);
        assertThat(inLogin.error()).isEqualTo("VALIDATION_ERROR: user: must not contain the character U+0000");
        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.error()).isEqualTo("BAD_REQUEST: The request's path and query must not contain the character U+0000 (%00)");
        assertThat(inPath.status()).isEqualTo(400);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutBeingRead() throws IOException {
        String declared = declaringLength(200L << 20);
        String content = "x".repeat(8 << 20);
        Response chunked = api().postChunked(LOGIN, null,
                ("{\"user\":\"admin\",\"pass\":\"" + content + "\"}").getBytes(StandardCharsets.UTF_8));
        Response atTheLimit = api().postChunked(LOGIN, null,
                ("{\"user\":\"admin\",\"pass\":\"" + content.substring(26) + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(declared).startsWith("HTTP/1.1 400 ")
                .contains("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"Request body is larger than the limit of 8 MiB\"}}");
        assertThat(chunked.status()).isEqualTo(400);
        assertThat(chunked.error()).isEqualTo("BAD_REQUEST: Request body is larger than the limit of 8 MiB");
        assertThat(atTheLimit.status()).isEqualTo(401);
    }

    /** Declares a body of that length and sends none of it: the answer must come without reading it. */
    private String declaringLength(long length) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + LOGIN + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // the server keeps the connection open for the body it was promised: read one answer
            StringBuilder answer = new StringBuilder();
            for (int next; !answered(answer) && (next = socket.getInputStream().read()) >= 0; ) {
                answer.append((char) next);
            }
            return answer.toString();
        }
    }

    private static boolean answered(CharSequence text) {
        String answer = text.toString();
        int head = answer.indexOf("\r\n\r\n");
        if (head < 0) {
            return false;
        }
        Matcher length = CONTENT_LENGTH.matcher(answer);
        return length.find() && head + 4 + Integer.parseInt(length.group(1)) <= answer.length()
                || answer.endsWith("\r\n0\r\n\r\n");
    }

    @Test
    void jsonContentTypeOnAGetIsNoError() {
        Response response = api().send("GET", "/api/v0/version", null, "application/json", null);

        assertThat(response.status()).isEqualTo(200);
    }
}
