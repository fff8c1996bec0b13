package dev.raworc.platform.security;

/** A bearer token that must be refused; the message says why, without echoing the token. */
class InvalidTokenException extends Exception {

    InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
