package dev.raworc.platform.axon;

import java.util.List;

/**
 * The processing groups whose positions mean "the read models show it": a write waits for these
 * (in this process or, through their stored tokens, in a query process) before it answers.
 */
public final class ReadModelGroups {

    /** Session rows and counts, service accounts, roles, role bindings, spaces, secrets. */
    public static final String CATALOG = "catalog";

    /** The messages and each session's last activity. */
    public static final String MESSAGES = "messages";

    /** The sessions' checkpoints and client writes: what their files are, now and as of a message. */
    public static final String FILES = "files";

    /** The webhooks as GET shows them (their deliveries are not a read model: see the query side's webhook module). */
    public static final String WEBHOOKS = "webhooks";

    public static final List<String> ALL = List.of(CATALOG, MESSAGES, FILES, WEBHOOKS);

    private ReadModelGroups() {
    }
}
