package dev.raworc.platform.health;

/** Whether the container engine answers; provided by the runner side when this process runs it. */
public interface ContainerRuntimeStatus {

    ComponentStatus check();
}
