package dev.raworc.platform.web.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and the size of the whole list. Returned by a controller, it is written as
 * a JSON array with the {@code X-Total-Count}, {@code X-Page-Offset} and {@code X-Page-Limit} headers.
 */
public record Page<T>(List<T> items, long total, PageRequest request) {

    /**
     * The page of these items; one that ended early (by a byte budget, say) answers with the number
     * of items it holds as its effective limit, so that the next page starts right after it.
     */
    public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
        boolean endedEarly = items.size() < request.limit() && request.offset() + items.size() < total;
        return new Page<>(items, total, endedEarly ? new PageRequest(items.size(), request.offset()) : request);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, request);
    }
}
