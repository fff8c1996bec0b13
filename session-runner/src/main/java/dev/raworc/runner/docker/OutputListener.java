package dev.raworc.runner.docker;

/** Hears an agent's output as the container writes it, before the run ends. */
@FunctionalInterface
public interface OutputListener {

    OutputListener NONE = (stderr, bytes) -> {
    };

    void received(boolean stderr, byte[] bytes);
}
