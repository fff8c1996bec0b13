package dev.raworc.platform.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.raworc.platform.content.FilesProperties;

/**
 * Reads no request body beyond {@link HttpProperties#maxRequestBody()}: a body is parsed into
 * memory whole, and one of a few hundred megabytes ran the heap out, in whichever thread asked for
 * memory next. A declared length over the limit is refused before reading; a chunked body fails
 * when its reading passes the limit ({@link RequestBodyProblems} answers it). File uploads are
 * streamed to the content store, never held whole, so they have their own, larger limit
 * ({@link FilesProperties#maxUpload()}), and passing it is a 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestBodyLimit extends OncePerRequestFilter {

    /** {@code PUT /sessions/{id}/files/{path}}: an upload. */
    private static final Pattern UPLOAD = Pattern.compile("^" + WebConfiguration.API_BASE_PATH + "/sessions/[^/]+/files(/.*)?$");

    private final HttpProperties properties;
    private final FilesProperties files;
    private final ErrorResponses errors;

    RequestBodyLimit(HttpProperties properties, FilesProperties files, ErrorResponses errors) {
        this.properties = properties;
        this.files = files;
        this.errors = errors;
    }

    static String problem(HttpProperties properties) {
        return "Request body is larger than the limit of " + properties.maxRequestBodyText();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = request.getMethod().equals("PUT")
                && UPLOAD.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
        long limit = upload ? files.maxUpload().toBytes() : properties.maxRequestBody().toBytes();
        ErrorCode code = upload ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST;
        String problem = upload ? "The upload is larger than the limit of " + limit + " bytes (raworc.files.max-upload)"
                : problem(properties);
        if (request.getContentLengthLong() > limit) {
            errors.write(response, code, problem);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit, new TooLargeException(code, problem)), response);
    }

    /**
     * Thrown by a body's stream once more than the limit was read; answered with its code. An
     * upload's handler sees a content too large for the store, which it is.
     */
    static final class TooLargeException extends dev.raworc.platform.content.TooLargeException {

        private final ErrorCode code;

        TooLargeException(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        ErrorCode code() {
            return code;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final TooLargeException problem;
        private ServletInputStream body;

        LimitedRequest(HttpServletRequest request, long limit, TooLargeException problem) {
            super(request);
            this.limit = limit;
            this.problem = problem;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new LimitedStream(super.getInputStream(), limit, problem);
            }
            return body;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final TooLargeException problem;
        private long left;

        LimitedStream(ServletInputStream in, long limit, TooLargeException problem) {
            this.in = in;
            this.left = limit;
            this.problem = problem;
        }

        @Override
        public int read() throws IOException {
            int next = in.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) throws TooLargeException {
            left -= read;
            if (left < 0) {
                throw new TooLargeException(problem.code(), problem.getMessage());
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
