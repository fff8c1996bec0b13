package dev.raworc.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.platform.access.Public;

/**
 * Answers errors the servlet container raises outside Spring MVC in the error envelope too, in
 * place of Spring Boot's default error page. It never echoes exception details.
 */
@RestController
@Hidden
class EnvelopeErrorController implements ErrorController {

    @RequestMapping("/error")
    @Public
    ResponseEntity<ErrorEnvelope> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus httpStatus = status instanceof Integer code ? HttpStatus.resolve(code) : null;
        ErrorCode code = codeFor(httpStatus);
        String message = code == ErrorCode.INTERNAL_ERROR ? "Internal server error" : messageFor(httpStatus, request);
        return ResponseEntity.status(httpStatus == null ? code.status() : httpStatus).body(ErrorEnvelope.of(code, message));
    }

    static ErrorCode codeFor(HttpStatus status) {
        if (status == null) {
            return ErrorCode.INTERNAL_ERROR;
        }
        return switch (status) {
            case BAD_REQUEST -> ErrorCode.BAD_REQUEST;
            case UNAUTHORIZED -> ErrorCode.UNAUTHORIZED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case CONFLICT -> ErrorCode.CONFLICT;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case UNPROCESSABLE_CONTENT -> ErrorCode.VALIDATION_ERROR;
            default -> status.is4xxClientError() ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static String messageFor(HttpStatus status, HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return status.getReasonPhrase() + (uri == null ? "" : ": " + uri);
    }
}
