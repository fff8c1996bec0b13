package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.DeleteFileCommand;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FileType;
import dev.raworc.api.files.WriteFilesCommand;
import dev.raworc.platform.content.Blobs;
import dev.raworc.platform.content.ContentSweep;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.content.Manifests;
import dev.raworc.platform.content.StoredBlob;

/**
 * The runner's side of files, on the real Docker engine: checkpoints after replies and on close,
 * clients' writes carried into running containers and into closed sessions' volumes, and a remix
 * from a past message starting with the files of that moment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerFilesTest {

    private DockerSessions runner;

    @BeforeAll
    void startServer() {
        runner = DockerSessions.start("runner-files", "--raworc.runner.agent-timeout=10s");
    }

    @AfterAll
    void removeSessions() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void eachReplyIsCheckpointedAndOnlyChangedFilesAreRead() {
        String id = idleSession();
        int reply = runner.ask(id, "echo a > a.txt; mkdir -p d; echo b > d/b.txt; ln -s a.txt l; echo done").get("seq").asInt();

        CheckpointRecordedEvent first = awaitCheckpoint(id, 1);
        assertThat(first.messageSeq()).isEqualTo(reply);
        Manifest files = manifest(first);
        assertThat(files.get("a.txt").orElseThrow().hash()).isEqualTo(sha256("a\n"));
        assertThat(files.get("d").orElseThrow().type()).isEqualTo(FileType.DIRECTORY);
        assertThat(files.get("d/b.txt").orElseThrow().size()).isEqualTo(2);
        assertThat(files.get("l").orElseThrow().target()).isEqualTo("a.txt");
        assertThat(first.files()).isEqualTo(4);

        runner.ask(id, "echo changed > a.txt");
        CheckpointRecordedEvent second = awaitCheckpoint(id, 2);
        assertThat(second.bytesAdded()).isEqualTo("changed\n".length());
        assertThat(manifest(second).get("d/b.txt")).isEqualTo(files.get("d/b.txt"));
    }

    @Test
    void manyChangedFilesAreReadInOneArchive() {
        String id = idleSession();
        runner.ask(id, "for i in $(seq 1 100); do echo $i > n$i; done");

        Manifest files = manifest(awaitCheckpoint(id, 1));
        assertThat(files.size()).isEqualTo(100);
        assertThat(files.get("n42").orElseThrow().hash()).isEqualTo(sha256("42\n"));
    }

    @Test
    void writesReachTheRunningContainerInTurn() {
        String id = idleSession();
        write(id, "x/y.txt", "hello");
        assertThat(awaitCheckpoint(id, 1).writesApplied()).isEqualTo(1);
        assertThat(runner.ask(id, "cat x/y.txt").get("content").asString()).isEqualTo("hello");

        send(new DeleteFileCommand(UUID.fromString(id), "x"));
        assertThat(awaitCheckpointWithWrites(id, 2).files()).isZero();
        assertThat(runner.ask(id, "ls").get("content").asString()).isEmpty();
    }

    @Test
    void closedSessionsTakeWritesIntoTheirVolume() {
        String id = idleSession();
        runner.ask(id, "echo before > kept");
        awaitCheckpoint(id, 1);
        runner.api.postJson("/api/v0/sessions/" + id + "/close", runner.token, null);
        runner.awaitGone(id);

        write(id, "late.txt", "written while closed");
        Manifest closed = manifest(awaitCheckpointWithWrites(id, 1));
        assertThat(closed.get("kept")).isPresent();
        assertThat(closed.get("late.txt").orElseThrow().hash()).isEqualTo(sha256("written while closed"));

        runner.api.postJson("/api/v0/sessions/" + id + "/restore", runner.token, null);
        runner.awaitState(id, "idle");
        assertThat(runner.ask(id, "cat late.txt kept").get("content").asString()).isEqualTo("written while closedbefore");
    }

    @Test
    void aRemixFromAPastMessageStartsWithTheFilesOfThen() {
        String id = idleSession();
        int then = runner.ask(id, "echo one > f").get("seq").asInt();
        awaitCheckpoint(id, 1);
        runner.ask(id, "echo two > f; echo new > g");
        awaitCheckpoint(id, 2);

        String child = runner.created(runner.api.postJson("/api/v0/sessions/" + id + "/remix", runner.token,
                "{\"forked_from_message_seq\":" + then + ",\"copy_data\":true}"));
        assertThat(runner.api.get("/api/v0/sessions/" + child + "/files/f", runner.token).text()).isEqualTo("one\n");
        runner.awaitState(child, "idle");

        assertThat(runner.ask(child, "cat f; ls").get("content").asString()).isEqualTo("one\nf");
        String now = runner.created(runner.api.postJson("/api/v0/sessions/" + id + "/remix", runner.token, "{}"));
        runner.awaitState(now, "idle");
        assertThat(manifest(awaitCheckpoint(now, 1)).get("g")).isPresent(); // reads show the copy before any task
        Eventually.await(DockerSessions.READY, "the copied files of " + now + " to show",
                () -> runner.api.get("/api/v0/sessions/" + now + "/files/f", runner.token).text().equals("two\n"));
        assertThat(runner.ask(now, "cat f").get("content").asString()).isEqualTo("two");
    }

    @Test
    void uploadsGoInAndComeBackOutAlsoWhileClosed() {
        String id = idleSession();
        String files = "/api/v0/sessions/" + id + "/files/";
        assertThat(runner.api.send("PUT", files + "in/up.txt", runner.token, "text/plain", "uploaded").status()).isEqualTo(201);
        assertThat(runner.ask(id, "cat in/up.txt").get("content").asString()).isEqualTo("uploaded");
        runner.ask(id, "echo made by the agent > out.txt");

        runner.api.postJson("/api/v0/sessions/" + id + "/close", runner.token, null);
        runner.awaitGone(id);
        assertThat(runner.api.get(files + "out.txt", runner.token).text()).isEqualTo("made by the agent\n");
        assertThat(runner.api.send("PUT", files + "late.txt", runner.token, "text/plain", "while closed").status())
                .isEqualTo(201);
        assertThat(runner.api.get(files + "late.txt", runner.token).text()).isEqualTo("while closed");
        awaitCheckpointWithWrites(id, 2);

        runner.api.postJson("/api/v0/sessions/" + id + "/restore", runner.token, null);
        runner.awaitState(id, "idle");
        assertThat(runner.ask(id, "cat late.txt").get("content").asString()).isEqualTo("while closed");
    }

    @Test
    void pathsLeadingOutOfTheSessionAreRefusedAlsoThroughTheAgentsSymlinks() {
        String id = idleSession();
        runner.ask(id, "ln -s /etc out; ln -s .. up; echo made");
        awaitCheckpoint(id, 1);
        String files = "/api/v0/sessions/" + id + "/files/";

        for (String path : List.of("out/evil", "up/evil", "%2e%2e/evil", "in/../../evil")) {
            ApiClient.Response refused = runner.api.send("PUT", files + path, runner.token, "text/plain", "evil");
            assertThat(refused.status()).as(path + ": " + refused.text()).isEqualTo(400);
        }
        assertThat(runner.api.get(files + "out/passwd", runner.token).status()).isEqualTo(400);
        byte[] escaping = new FileWrites.Tar().symlink("link", "/etc").bytes();
        assertThat(new FileWrites(runner.api.port()).put("/sessions/" + id + "/files/t", runner.token, FileWrites.TAR, escaping)
                .status()).isEqualTo(400);
        assertThat(runner.ask(id, "ls /; ls /session").get("content").asString()).doesNotContain("evil").doesNotContain("link");
    }

    @Test
    void deletingASessionLetsGoOfContentsOnlyItHeld() {
        String id = idleSession();
        runner.ask(id, "echo shared > shared.txt");
        awaitCheckpoint(id, 1);
        String child = runner.created(runner.api.postJson("/api/v0/sessions/" + id + "/remix", runner.token,
                "{\"up_to_message_seq\":2}"));
        runner.ask(id, "echo only in the parent > own.txt");
        Manifest parent = manifest(awaitCheckpoint(id, 2));
        String own = parent.get("own.txt").orElseThrow().hash();
        String shared = parent.get("shared.txt").orElseThrow().hash();

        assertThat(runner.api.send("DELETE", "/api/v0/sessions/" + id, runner.token, null, null).status()).isEqualTo(204);
        runner.server.getBean(ContentSweep.class).sweep(java.time.Duration.ZERO);

        Blobs blobs = runner.server.getBean(Blobs.class);
        assertThat(blobs.size(own)).isEmpty();
        assertThat(blobs.size(shared)).isPresent();
        assertThat(runner.api.get("/api/v0/sessions/" + child + "/files/shared.txt", runner.token).text()).isEqualTo("shared\n");
    }

    private String idleSession() {
        String id = runner.create();
        runner.awaitState(id, "idle");
        return id;
    }

    private void write(String id, String path, String content) {
        StoredBlob blob = store(content);
        send(new WriteFilesCommand(UUID.fromString(id),
                List.of(FileEntry.file(path, blob.size(), 0644, Instant.now(), blob.hash()))));
    }

    private StoredBlob store(String content) {
        try {
            return runner.server.getBean(Blobs.class).store(
                    new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(Object command) {
        runner.server.getBean(CommandGateway.class).sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetaDataKeys.PRINCIPAL, "admin")));
    }

    private CheckpointRecordedEvent awaitCheckpoint(String id, long no) {
        Eventually.await(DockerSessions.READY, "checkpoint " + no + " of " + id, () -> checkpoints(id).size() >= no);
        return checkpoints(id).get((int) no - 1);
    }

    private CheckpointRecordedEvent awaitCheckpointWithWrites(String id, long writes) {
        Eventually.await(DockerSessions.READY, "a checkpoint of " + id + " with " + writes + " writes",
                () -> checkpoints(id).stream().anyMatch(c -> c.writesApplied() >= writes));
        return checkpoints(id).stream().filter(c -> c.writesApplied() >= writes).findFirst().orElseThrow();
    }

    private List<CheckpointRecordedEvent> checkpoints(String id) {
        List<CheckpointRecordedEvent> found = new ArrayList<>();
        runner.server.getBean(EventStore.class).readEvents(id).asStream()
                .filter(event -> event.getPayload() instanceof CheckpointRecordedEvent)
                .forEach(event -> found.add((CheckpointRecordedEvent) event.getPayload()));
        return found;
    }

    private Manifest manifest(CheckpointRecordedEvent checkpoint) {
        return runner.server.getBean(Manifests.class).load(checkpoint.manifestHash());
    }

    private static String sha256(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
