package dev.raworc.platform.crypto;

import java.util.Map;

/**
 * A space's secrets, opened, as key → value: what the runner injects into a session's container
 * environment. In-process only; no endpoint serves it. The command side answers it from its own
 * state, which runner processes load too.
 */
public interface SpaceSecrets {

    /** The space's secrets in key order; a secret whose value cannot be opened is left out. */
    Map<String, String> of(String space);
}
