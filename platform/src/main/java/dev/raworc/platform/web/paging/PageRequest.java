package dev.raworc.platform.web.paging;

/**
 * Which slice of a list a request asks for. Controllers take it as an argument; it is read from
 * {@code limit} (default 100, clamped to 1000) and {@code offset} (default 0).
 */
public record PageRequest(int limit, long offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
}
