package dev.raworc.query.stream;

/** This process serves as many streams as {@code raworc.streams.max-subscribers} allows. */
class TooManyStreamsException extends RuntimeException {

    TooManyStreamsException(int limit) {
        super("This process serves " + limit + " streams already (raworc.streams.max-subscribers); try again shortly "
                + "or through another query process");
    }
}
