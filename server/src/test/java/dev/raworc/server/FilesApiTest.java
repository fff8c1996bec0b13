package dev.raworc.server;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;

import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.Manifests;

/**
 * Base of the files API tests: the shared server, with its content store and command gateway at
 * hand to record checkpoints as a runner would.
 */
abstract class FilesApiTest extends ApiTest {

    /** The fields of a file's entry on the wire (docs/api.md, "Files and checkpoints"). */
    static final String[] ENTRY_FIELDS = {"path", "name", "type", "size", "mode", "modified_at", "hash", "target"};

    @Autowired
    Blobs blobs;

    @Autowired
    Manifests manifests;

    @Autowired
    CommandGateway commands;

    SessionFilesFixture filesFixture() {
        return new SessionFilesFixture(blobs, manifests, commands);
    }
}
