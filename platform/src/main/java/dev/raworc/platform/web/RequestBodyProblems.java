package dev.raworc.platform.web;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Explains why a request body could not be read: broken JSON, JSON beyond the reader's limits
 * (nesting depth, number length), or a body over the size limit, is a malformed request (400),
 * while well-formed JSON with an unknown field or a value of the wrong type fails validation (422).
 */
final class RequestBodyProblems {

    /** The name of the reader's setting that a limit's message adds, which a client has no use for. */
    private static final Pattern READER_SETTING = Pattern.compile(", from `[^`]*`");

    private RequestBodyProblems() {
    }

    static ErrorEnvelope describe(HttpMessageNotReadableException e) {
        for (Throwable reason = e; reason != null; reason = reason.getCause()) {
            if (reason instanceof RequestBodyLimit.TooLargeException tooLarge) {
                return ErrorEnvelope.of(tooLarge.code(), tooLarge.getMessage());
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return ErrorEnvelope.of(ErrorCode.VALIDATION_ERROR, "Unknown field '" + field + "'",
                    List.of(new ErrorEnvelope.FieldProblem(field, "is not a known field")));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String expected = mismatch.getTargetType() == null ? "another type" : jsonTypeOf(mismatch.getTargetType());
            return ErrorEnvelope.of(ErrorCode.VALIDATION_ERROR, "Field '" + field + "' must be " + expected,
                    List.of(new ErrorEnvelope.FieldProblem(field, "must be " + expected)));
        }
        if (cause instanceof MismatchedInputException) {
            return ErrorEnvelope.of(ErrorCode.VALIDATION_ERROR, "Request body must be a JSON object");
        }
        if (cause instanceof StreamConstraintsException limit) {
            return ErrorEnvelope.of(ErrorCode.BAD_REQUEST, "JSON in request body exceeds the reader's limits: "
                    + READER_SETTING.matcher(limit.getOriginalMessage()).replaceAll(""));
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return ErrorEnvelope.of(ErrorCode.BAD_REQUEST, "Malformed JSON in request body");
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return ErrorEnvelope.of(ErrorCode.BAD_REQUEST, "Request body is required");
        }
        return ErrorEnvelope.of(ErrorCode.BAD_REQUEST, "Request body is unreadable");
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String jsonTypeOf(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
