package dev.raworc.query;

/**
 * The processing group of the small read models of who and where: service accounts, roles, role
 * bindings, spaces and secrets. They share one tracking processor because every processor reads
 * and tracks the whole event stream by itself: profiled, five processors that handle almost none
 * of a session's events took five sixths of a rebuild's CPU and five token commits of every write.
 * Each read model keeps its own projection class, tables and reset handler.
 */
public final class DirectoryProcessing {

    public static final String GROUP = "directory";

    private DirectoryProcessing() {
    }
}
