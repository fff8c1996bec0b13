package dev.raworc.platform.health;

public enum ComponentStatus {
    UP, DOWN, DISABLED
}
