package dev.raworc.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code {"error": {"code": ..., "message": ..., "details": [...]?}}}, the body of every error. */
public record ErrorEnvelope(Error error) {

    public static ErrorEnvelope of(ErrorCode code, String message) {
        return new ErrorEnvelope(new Error(code.name(), message, null));
    }

    public static ErrorEnvelope of(ErrorCode code, String message, List<FieldProblem> details) {
        return new ErrorEnvelope(new Error(code.name(), message, details));
    }

    public record Error(String code, String message, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldProblem> details) {
    }

    public record FieldProblem(String field, String message) {
    }
}
