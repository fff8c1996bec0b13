package dev.raworc.platform;

/** The parts of Raworc one process can run; a single-box install runs them all. */
public enum Side {
    COMMAND, QUERY, RUNNER
}
