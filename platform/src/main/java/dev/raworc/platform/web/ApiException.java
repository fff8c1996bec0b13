package dev.raworc.platform.web;

import java.util.List;

/** An error a controller answers with directly, in the error envelope. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<ErrorEnvelope.FieldProblem> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiException(ErrorCode code, String message, List<ErrorEnvelope.FieldProblem> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    /** A 422 about one field of the request body. */
    public static ApiException invalidField(String field, String problem) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, field + ": " + problem,
                List.of(new ErrorEnvelope.FieldProblem(field, problem)));
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorEnvelope envelope() {
        return ErrorEnvelope.of(code, getMessage(), details);
    }
}
