package dev.raworc.query.session;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/** Events as the API shows them: the audit history, the live streams. */
@Component
public class WireEvents {

    /** The API's JSON with its enums in lower case, as the views write states and roles. */
    private final JsonMapper wireJson;

    WireEvents(JsonMapper json) {
        this.wireJson = json.rebuild().enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE).build();
    }

    /** An event's payload as the API writes it. */
    public JsonNode data(Object payload) {
        return wireJson.valueToTree(payload);
    }

    /** An event's type as the API names it: the simple name of its stored type. */
    public static String type(String storedTypeName) {
        return storedTypeName.substring(storedTypeName.lastIndexOf('.') + 1);
    }
}
