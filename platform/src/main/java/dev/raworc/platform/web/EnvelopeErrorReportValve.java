package dev.raworc.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors Tomcat raises itself, before any servlet sees the request (a malformed
 * request line, an invalid character or encoding in the URI, a header over the size limit), in
 * the error envelope instead of Tomcat's HTML page. A request Tomcat refuses as an unsupported
 * protocol feature (HTTP version, transfer coding, CONNECT) is the client's mistake: 400, not 5xx.
 */
class EnvelopeErrorReportValve extends ErrorReportValve {

    /** Tomcat quotes a malformed header line whole: it may hold a bearer token, which no answer repeats. */
    private static final Pattern ECHOED_HEADER_LINE = Pattern.compile("header line \\[.*\\]", Pattern.DOTALL);

    private final JsonMapper jsonMapper;

    EnvelopeErrorReportValve(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus raised = HttpStatus.resolve(response.getStatus());
        HttpStatus status = answered(raised, throwable);
        ErrorCode code = EnvelopeErrorController.codeFor(status);
        String message = code == ErrorCode.INTERNAL_ERROR ? "Internal server error" : message(status, raised, response, throwable);
        try {
            response.setStatus(status.value());
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(jsonMapper.writeValueAsString(ErrorEnvelope.of(code, message)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response could not be written: nothing to answer
        }
    }

    private static HttpStatus answered(HttpStatus raised, Throwable throwable) {
        if ((raised == HttpStatus.NOT_IMPLEMENTED || raised == HttpStatus.HTTP_VERSION_NOT_SUPPORTED) && throwable == null) {
            return HttpStatus.BAD_REQUEST;
        }
        return raised != null ? raised : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String message(HttpStatus status, HttpStatus raised, Response response, Throwable throwable) {
        String detail = response.getMessage();
        if ((detail == null || detail.isBlank()) && throwable != null) {
            detail = throwable.getMessage();
        }
        if ((detail == null || detail.isBlank()) && raised != status) {
            detail = raised.getReasonPhrase();
        }
        if (detail != null) {
            detail = ECHOED_HEADER_LINE.matcher(detail).replaceFirst("header line");
        }
        return status.getReasonPhrase() + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }
}
