package dev.raworc.query;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link EventWire} for module tests, on a mapper with the API's snake_case names; the rest of
 * the wire format (time precision, coercions) is the server tests' to check.
 */
public final class TestEventWire {

    private TestEventWire() {
    }

    public static EventWire create() {
        return new EventWire(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
    }
}
