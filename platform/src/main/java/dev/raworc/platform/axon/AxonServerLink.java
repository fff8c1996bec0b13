package dev.raworc.platform.axon;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether events go to Axon Server (the {@code axonserver} profile) and whether it can be reached
 * now, as Axon's connection manager sees it. Without the profile the connection manager does not
 * exist and the events stay in PostgreSQL.
 */
@Component
public class AxonServerLink {

    private final ObjectProvider<AxonServerConnectionManager> connections;

    public AxonServerLink(ObjectProvider<AxonServerConnectionManager> connections) {
        this.connections = connections;
    }

    public boolean inUse() {
        return connections.getIfAvailable() != null;
    }

    /** True while Axon Server is in use and this process has no open connection to its context. */
    public boolean isDown() {
        AxonServerConnectionManager manager = connections.getIfAvailable();
        return manager != null && !manager.isConnected(manager.getDefaultContext());
    }
}
