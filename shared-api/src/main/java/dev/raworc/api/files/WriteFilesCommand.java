package dev.raworc.api.files;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Writes files into a session (an upload); their contents are already in the content store. */
public record WriteFilesCommand(@TargetAggregateIdentifier UUID sessionId, List<FileEntry> entries) {
}
