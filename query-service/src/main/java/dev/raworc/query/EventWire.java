package dev.raworc.query;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as the API shows it to clients: its type by simple name ({@code SessionCreatedEvent})
 * and its payload as JSON in the API's snake_case, states and roles in lower case. Shared by a
 * session's history ({@code /events}) and webhook deliveries, which must show events alike.
 */
@Component
public class EventWire {

    private final JsonMapper wireJson;

    EventWire(JsonMapper json) {
        this.wireJson = json.rebuild().enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE).build();
    }

    /** The type's name on the wire, from the stored payload type's (class) name. */
    public static String typeName(String storedType) {
        return storedType.substring(storedType.lastIndexOf('.') + 1);
    }

    public JsonNode data(Object payload) {
        return wireJson.valueToTree(payload);
    }

    /** Any value in the API's JSON, as a document. */
    public String write(Object value) {
        return wireJson.writeValueAsString(value);
    }
}
