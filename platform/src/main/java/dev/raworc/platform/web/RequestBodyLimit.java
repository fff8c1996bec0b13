package dev.raworc.platform.web;

import java.io.IOException;

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

/**
 * Reads no request body beyond {@link HttpProperties#maxRequestBody()}: a body is parsed into
 * memory whole, and one of a few hundred megabytes ran the heap out, in whichever thread asked for
 * memory next. A declared length over the limit is refused before reading; a chunked body fails
 * when its reading passes the limit ({@link RequestBodyProblems} answers it).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestBodyLimit extends OncePerRequestFilter {

    private final HttpProperties properties;
    private final ErrorResponses errors;

    RequestBodyLimit(HttpProperties properties, ErrorResponses errors) {
        this.properties = properties;
        this.errors = errors;
    }

    static String problem(HttpProperties properties) {
        return "Request body is larger than the limit of " + properties.maxRequestBodyText();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = properties.maxRequestBody().toBytes();
        if (request.getContentLengthLong() > limit) {
            errors.write(response, ErrorCode.BAD_REQUEST, problem(properties));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit, problem(properties)), response);
    }

    /** Thrown by a body's stream once more than the limit was read. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final String problem;
        private ServletInputStream body;

        LimitedRequest(HttpServletRequest request, long limit, String problem) {
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
        private final String problem;
        private long left;

        LimitedStream(ServletInputStream in, long limit, String problem) {
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
                throw new TooLargeException(problem);
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
