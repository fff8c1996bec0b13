package dev.raworc.platform.web;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.raworc.api.DomainException;
import dev.raworc.platform.axon.AxonServerLink;

/** Turns every exception a request can raise into the error envelope, never a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final AxonServerLink axonServer;

    ApiExceptionHandler(AxonServerLink axonServer) {
        this.axonServer = axonServer;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorEnvelope> api(ApiException e) {
        return answer(e.code(), e.envelope());
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ErrorEnvelope> domain(DomainException e) {
        return answer(codeOf(e.kind()), e.getMessage());
    }

    /** A refusal that crossed a distributed command bus arrives wrapped. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ErrorEnvelope> command(CommandExecutionException e) {
        if (e.getCause() instanceof DomainException domain) {
            return domain(domain);
        }
        if (e.getCause() instanceof IncompatibleAggregateException otherKind) {
            return otherKind(otherKind);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ErrorEnvelope> aggregateGone(AggregateNotFoundException e) {
        return answer(ErrorCode.NOT_FOUND, "The requested object does not exist");
    }

    /** An id whose history belongs to an object of another kind (a session's id in a webhook's path, say). */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<ErrorEnvelope> otherKind(IncompatibleAggregateException e) {
        return answer(ErrorCode.NOT_FOUND, "The requested object does not exist");
    }

    /** Another process changed the same object at the same moment; the client may retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ErrorEnvelope> concurrentChange(ConcurrencyException e) {
        return answer(ErrorCode.CONFLICT, "The object was changed concurrently; retry the request");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorEnvelope> unreadable(HttpMessageNotReadableException e) {
        ErrorEnvelope envelope = RequestBodyProblems.describe(e);
        return answer(ErrorCode.valueOf(envelope.error().code()), envelope);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorEnvelope> invalid(MethodArgumentNotValidException e) {
        List<ErrorEnvelope.FieldProblem> details = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new ErrorEnvelope.FieldProblem(WireNames.of(error.getField()), error.getDefaultMessage()))
                .toList();
        String message = details.stream()
                .map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; ", "Invalid request: ", ""));
        return answer(ErrorCode.VALIDATION_ERROR, ErrorEnvelope.of(ErrorCode.VALIDATION_ERROR, message, details));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeNotSupportedException e) {
        String given = e.getContentType() == null ? "none"
                : "'" + e.getContentType().getType() + "/" + e.getContentType().getSubtype() + "'";
        return answer(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + given + " is not supported; send application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(ErrorCode.METHOD_NOT_ALLOWED.status()).headers(headers)
                .body(ErrorEnvelope.of(ErrorCode.METHOD_NOT_ALLOWED,
                        "Method " + e.getMethod() + " is not allowed on " + request.getRequestURI()));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorEnvelope> noRoute(HttpServletRequest request) {
        return answer(ErrorCode.NOT_FOUND, "No endpoint " + request.getMethod() + " " + request.getRequestURI());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorEnvelope> parameterType(MethodArgumentTypeMismatchException e) {
        return answer(ErrorCode.BAD_REQUEST, "Invalid value for parameter '" + e.getName() + "'");
    }

    /** A path variable that converts to nothing (blank where a UUID is expected) is bad input, not a missing route. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ErrorEnvelope> blankPathVariable(MissingPathVariableException e) {
        if (!e.isMissingAfterConversion()) {
            return unexpected(e);
        }
        return answer(ErrorCode.BAD_REQUEST, "Invalid value for parameter '" + e.getVariableName() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorEnvelope> missingParameter(MissingServletRequestParameterException e) {
        return answer(ErrorCode.BAD_REQUEST, "Missing required parameter '" + e.getParameterName() + "'");
    }

    /** The firewall checks parameter names and header values only when they are read, in a handler. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ErrorEnvelope> rejected(RequestRejectedException e) {
        return answer(ErrorCode.BAD_REQUEST, RequestRejections.reason(e));
    }

    /** Tomcat parses the query string (or a form body) when a parameter is first read. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ErrorEnvelope> unparsableParameters(InvalidParameterException e) {
        return answer(ErrorCode.BAD_REQUEST, e.getCause() != null
                ? "Request parameters could not be decoded: invalid percent-encoding, or bytes that are not UTF-8"
                : "Request parameters are malformed: a parameter without a name, or too many parameters");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ErrorEnvelope> denied(AccessDeniedException e) {
        return answer(ErrorCode.FORBIDDEN, "Not permitted");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorEnvelope> unexpected(Exception e) {
        if (axonServer.isDown()) {
            return eventStoreUnreachable(e);
        }
        log.error("Unexpected error while handling a request", e);
        return answer(ErrorCode.INTERNAL_ERROR, "Internal server error");
    }

    /**
     * Commands and queries travel through Axon Server under its profile, so while it is unreachable
     * they fail at once. The client may retry, hence 503; the API has no code of its own for it.
     */
    private static ResponseEntity<ErrorEnvelope> eventStoreUnreachable(Exception e) {
        log.warn("Answered 503 while Axon Server cannot be reached: {}", e.getClass().getName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ErrorEnvelope.of(ErrorCode.INTERNAL_ERROR,
                "The event store (Axon Server) cannot be reached; retry once it is back"));
    }

    private static ResponseEntity<ErrorEnvelope> answer(ErrorCode code, String message) {
        return answer(code, ErrorEnvelope.of(code, message));
    }

    private static ResponseEntity<ErrorEnvelope> answer(ErrorCode code, ErrorEnvelope envelope) {
        return ResponseEntity.status(code.status()).body(envelope);
    }

    private static ErrorCode codeOf(DomainException.Kind kind) {
        return switch (kind) {
            case CONFLICT -> ErrorCode.CONFLICT;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case VALIDATION -> ErrorCode.VALIDATION_ERROR;
            case MALFORMED -> ErrorCode.BAD_REQUEST;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case UNAUTHORIZED -> ErrorCode.UNAUTHORIZED;
        };
    }
}
