package dev.raworc.platform.content;

import java.io.IOException;

/** A content larger than the limit it was stored under (or a request body larger than its limit). */
public class TooLargeException extends IOException {

    public TooLargeException(String message) {
        super(message);
    }
}
