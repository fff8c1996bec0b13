package dev.raworc.api.space;

/** Answers an {@code Optional<SpaceView>}. */
public record FindSpaceQuery(String name) {
}
