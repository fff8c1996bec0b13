package dev.raworc.platform.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers the firewall's refusals (encoded slashes, {@code ;}, {@code //}, control characters or
 * unassigned code points in the URL, a parameter name or a header value) with 400 and the
 * firewall's reason, but without the refused header value: it may be a bearer token.
 */
@Component
class RequestRejections implements RequestRejectedHandler {

    private static final Pattern REFUSED_VALUE = Pattern.compile(" has a value \".*\" that is not allowed", Pattern.DOTALL);

    private final ErrorResponses errors;

    RequestRejections(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection)
            throws IOException {
        errors.write(response, ErrorCode.BAD_REQUEST, reason(rejection));
    }

    static String reason(RequestRejectedException rejection) {
        return REFUSED_VALUE.matcher(rejection.getMessage()).replaceFirst(" has a value that is not allowed");
    }
}
