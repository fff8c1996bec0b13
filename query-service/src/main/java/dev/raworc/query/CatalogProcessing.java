package dev.raworc.query;

import dev.raworc.platform.axon.ReadModelGroups;

/**
 * The processing group of every read model but the messages: sessions and their counts, service
 * accounts, roles, role bindings, spaces and secrets. They share one tracking processor because
 * every processor reads and tracks the whole event stream by itself: profiled, five processors
 * that handle almost none of a session's events took five sixths of a rebuild's CPU and five token
 * commits of every write, and a separate processor for these few events still cost a rebuild of
 * 1.4 million events a tenth of its time or more (75 s against 64-70 s). The messages, most of
 * the events there are, keep a processor of their own beside it. Each read model keeps its own
 * projection class, tables and reset handler.
 */
public final class CatalogProcessing {

    public static final String GROUP = ReadModelGroups.CATALOG;

    private CatalogProcessing() {
    }
}
