package dev.raworc.platform.metrics;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with the management port on the API port: metrics and probes answer without a
 * token, which is safe only on a port of their own that the public network does not reach.
 */
@Component
class ManagementPortCheck {

    ManagementPortCheck(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        int api = environment.getProperty("server.port", Integer.class, 8080);
        if (management != null && management > 0 && management == api) {
            throw new IllegalStateException("RAWORC_MANAGEMENT_PORT (" + management + ") must differ from RAWORC_PORT: "
                    + "metrics and probes answer without a token on their own port; -1 turns that port off");
        }
    }
}
