package dev.raworc.platform.web;

import java.util.List;

/**
 * Checks of passwords and secret values done by hand rather than by Bean Validation, whose
 * exceptions carry the rejected value into messages and debug logs.
 */
public final class SensitiveInput {

    private SensitiveInput() {
    }

    /** @throws ApiException (422) naming the field, never its value */
    public static void requireLength(String value, String field, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            String rule = min > 0 ? "must be " + min + " to " + max + " characters long"
                    : "must be at most " + max + " characters long";
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Invalid request: " + field + " " + rule,
                    List.of(new ErrorEnvelope.FieldProblem(field, rule)));
        }
    }
}
