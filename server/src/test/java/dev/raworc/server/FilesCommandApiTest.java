package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.assertUnauthenticated;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.RecordCheckpointCommand;
import dev.raworc.platform.content.Manifest;
import dev.raworc.server.ApiClient.Response;
import dev.raworc.server.FileWrites.Tar;

/**
 * The writes of a session's files: {@code PUT /sessions/{id}/files/{path}} with raw bytes or a tar
 * archive, and {@code DELETE}; paths stay inside {@code /session}, and every write is in the
 * session's history with who made it.
 */
class FilesCommandApiTest extends FilesApiTest {

    private IdentityApi identity;
    private SessionApi sessions;
    private FileWrites files;
    private String token;
    private String session;

    @BeforeEach
    void connect() {
        token = adminToken();
        identity = new IdentityApi(api(), token);
        sessions = new SessionApi(identity);
        files = new FileWrites(port);
        session = id(sessions.create());
    }

    @Test
    void aRawUploadIsOneFileAnsweredWithItsEntryAndRecordedWithWhoWroteIt() throws Exception {
        Response response = files.put("/sessions/" + session + "/files/notes/today.md", token, "hello");

        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/v0/sessions/" + session + "/files/notes/today.md");
        JsonNode entry = response.json();
        assertFields(entry, ENTRY_FIELDS);
        assertThat(entry.get("path").asString()).isEqualTo("notes/today.md");
        assertThat(entry.get("name").asString()).isEqualTo("today.md");
        assertThat(entry.get("type").asString()).isEqualTo("file");
        assertThat(entry.get("size").asLong()).isEqualTo(5);
        assertThat(entry.get("mode").asString()).isEqualTo("0644");
        assertTimestamp(entry, "modified_at");
        assertThat(entry.get("hash").asString()).isEqualTo(sha256("hello"));
        assertThat(entry.get("target").isNull()).isTrue();

        JsonNode written = last(sessions.events(session));
        assertThat(written.get("type").asString()).isEqualTo("FilesWrittenEvent");
        assertThat(written.get("principal").asString()).isEqualTo("admin");
        assertThat(written.get("data").get("write_no").asLong()).isEqualTo(1);
        JsonNode recorded = written.get("data").get("entries").get(0);
        assertThat(recorded.get("path").asString()).isEqualTo("notes/today.md");
        assertThat(recorded.get("size").asLong()).isEqualTo(5);
        assertThat(recorded.get("hash").asString()).isEqualTo(sha256("hello"));
    }

    @Test
    void aSessionIsFoundByNameAndAnUploadReplacesAFile() {
        String name = IdentityApi.unique("files");
        String named = id(sessions.createNamed(name));
        assertThat(files.put("/sessions/" + name + "/files/a%20b.txt", token, "one").status()).isEqualTo(201);

        Response again = files.put("/sessions/" + name + "/files/a%20b.txt", token, "two");

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.header("Location")).isEqualTo("/api/v0/sessions/" + named + "/files/a%20b.txt");
        assertThat(again.json().get("path").asString()).isEqualTo("a b.txt");
        assertThat(again.json().get("hash").asString()).isEqualTo(sha256("two"));
    }

    @Test
    void aTarIsUnpackedUnderThePathAndAnsweredWithItsEntries() {
        byte[] tar = new Tar().dir("src").file("src/main.py", "print(1)").symlink("src/latest", "main.py")
                .symlink("abs", "/session/project/src").bytes();

        Response response = files.put("/sessions/" + session + "/files/project", token, FileWrites.TAR, tar);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode entries = response.json();
        assertThat(column(entries, "path")).containsExactly("project/src", "project/src/main.py", "project/src/latest",
                "project/abs");
        assertThat(column(entries, "type")).containsExactly("directory", "file", "symlink", "symlink");
        entries.forEach(entry -> assertFields(entry, ENTRY_FIELDS));
        assertThat(entries.get(0).get("mode").asString()).isEqualTo("0755");
        assertThat(entries.get(1).get("mode").asString()).isEqualTo("0600");
        assertThat(entries.get(1).get("hash").asString()).isEqualTo(sha256("print(1)"));
        assertThat(entries.get(2).get("target").asString()).isEqualTo("main.py");
        assertThat(entries.get(2).get("hash").isNull()).isTrue();

        // a write through the symlink lands where it leads
        Response through = files.put("/sessions/" + session + "/files/project/abs/util.py", token, "x = 1");
        assertThat(through.status()).as(through.text()).isEqualTo(201);
        assertThat(through.json().get("path").asString()).isEqualTo("project/src/util.py");
    }

    @Test
    void aTarUnpacksAtTheRootToo() {
        byte[] tar = new Tar().dir("./").file("./README", "read me").bytes();

        Response response = files.put("/sessions/" + session + "/files", token, FileWrites.TAR, tar);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(column(response.json(), "path")).containsExactly("README");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/files/a/../../etc/passwd", "/files/%2e%2e/etc/passwd", "/files/..%2fetc", "/files//etc/passwd",
            "/files/%2Fetc%2Fpasswd"})
    void pathsLeadingOutsideAreBadRequests(String path) {
        Response response = files.put("/sessions/" + session + path, token, "x");

        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("error").get("code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(eventTypes()).doesNotContain("FilesWrittenEvent");
    }

    @Test
    void aRawUploadNeedsAPath() {
        assertError(files.put("/sessions/" + session + "/files/", token, "x"), 400,
                "BAD_REQUEST: A file needs a path below /session; only a tar archive (Content-Type application/x-tar) "
                        + "unpacks at the root");
    }

    @Test
    void tarEntriesLeadingOutsideOrOfOtherKindsAreBadRequests() {
        String base = "/sessions/" + session + "/files/t";
        assertError(files.put(base, token, FileWrites.TAR, new Tar().file("../evil", "x").bytes()), 400,
                "BAD_REQUEST: Tar entry: Path '../evil' leads outside /session ('..' is not allowed)");
        assertError(files.put(base, token, FileWrites.TAR, new Tar().file("/etc/evil", "x").bytes()), 400,
                "BAD_REQUEST: Tar entry: Path '/etc/evil' is absolute; paths are relative to /session");
        assertError(files.put(base, token, FileWrites.TAR, new Tar().symlink("out", "/etc").bytes()), 400,
                "BAD_REQUEST: Symlink 'out' leads outside /session (to '/etc')");
        assertError(files.put(base, token, FileWrites.TAR, new Tar().symlink("up", "../../..").bytes()), 400,
                "BAD_REQUEST: Symlink 'up' leads outside /session (to '../../..')");
        assertError(files.put(base, token, FileWrites.TAR, new Tar().file("a", "a").hardLink("b", "a").bytes()), 400,
                "BAD_REQUEST: Entry 'b' is a hard link; only files, directories and symlinks are taken");
        assertError(files.put(base, token, FileWrites.TAR, new Tar().fifo("pipe").bytes()), 400,
                "BAD_REQUEST: Entry 'pipe' is not a file, directory or symlink");
        Response notATar = files.put(base, token, FileWrites.TAR, "this is no tar archive, just text".repeat(20)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(notATar.status()).as(notATar.text()).isEqualTo(400);
        assertThat(notATar.json().get("error").get("message").asString()).startsWith("The body is not a valid tar archive");

        assertThat(eventTypes()).doesNotContain("FilesWrittenEvent");
    }

    @Test
    void aWriteThroughASymlinkLeadingOutsideIsABadRequest() {
        // the agent may make such a link, and the runner's checkpoint holds it; a client's write does not follow it
        String manifest = manifests.store(Manifest.EMPTY.with(List.of(FileEntry.symlink("etc", "/etc", Instant.now()))));
        commands.sendAndWait(new RecordCheckpointCommand(UUID.fromString(session), manifest, 1, 0, 0));

        assertError(files.put("/sessions/" + session + "/files/etc/passwd", token, "root"), 400,
                "BAD_REQUEST: Path 'etc' leads outside /session through the symlink 'etc'");
        assertError(identity.delete("/sessions/" + session + "/files/etc/passwd"), 400,
                "BAD_REQUEST: Path 'etc' leads outside /session through the symlink 'etc'");
        // the link itself is the session's to replace
        assertThat(files.put("/sessions/" + session + "/files/etc", token, "a file now").status()).isEqualTo(201);
    }

    @Test
    void writingUnderAFileIsAConflict() {
        assertThat(files.put("/sessions/" + session + "/files/a", token, "a file").status()).isEqualTo(201);

        assertError(files.put("/sessions/" + session + "/files/a/b.txt", token, "b"), 409,
                "CONFLICT: Cannot write 'a/b.txt': 'a' is a file");
        assertError(files.put("/sessions/" + session + "/files", token, FileWrites.TAR, new Tar().file("a/c", "c").bytes()),
                409, "CONFLICT: Cannot write 'a/c': 'a' is a file");
    }

    @Test
    void deleteRemovesAPathAndIsRecorded() {
        assertThat(files.put("/sessions/" + session + "/files/d/a.txt", token, "a").status()).isEqualTo(201);

        assertNoContent(identity.delete("/sessions/" + session + "/files/d"));

        JsonNode deleted = last(sessions.events(session));
        assertThat(deleted.get("type").asString()).isEqualTo("FileDeletedEvent");
        assertThat(deleted.get("principal").asString()).isEqualTo("admin");
        assertThat(deleted.get("data").get("path").asString()).isEqualTo("d");
        assertThat(deleted.get("data").get("write_no").asLong()).isEqualTo(2);
        assertError(identity.delete("/sessions/" + session + "/files/d/a.txt"), 404,
                "NOT_FOUND: No file or directory 'd/a.txt' in the session");
        assertError(identity.delete("/sessions/" + session + "/files/"), 400,
                "BAD_REQUEST: The root of /session cannot be deleted");
        Response outside = identity.delete("/sessions/" + session + "/files/%2e%2e/x");
        assertThat(outside.status()).as(outside.text()).isEqualTo(400);
        assertThat(outside.json().get("error").get("code").asString()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void aClosedSessionTakesWritesAndADeletedOneIsNotFound() {
        sessions.close(session);
        assertThat(files.put("/sessions/" + session + "/files/after-close.txt", token, "still").status()).isEqualTo(201);

        sessions.delete(session);
        assertError(files.put("/sessions/" + session + "/files/x.txt", token, "x"), 404,
                "NOT_FOUND: Session '" + session + "' not found");
        assertError(identity.delete("/sessions/" + session + "/files/after-close.txt"), 404,
                "NOT_FOUND: Session '" + session + "' not found");
        assertThat(files.put("/sessions/no-such-session/files/x.txt", token, "x").status()).isEqualTo(404);
    }

    @Test
    void writesNeedATokenAndWriteFiles() {
        assertUnauthenticated(files.put("/sessions/" + session + "/files/x.txt", null, "x"));
        assertUnauthenticated(identity.delete("/sessions/" + session + "/files/x.txt", null));

        String viewer = identity.tokenBoundTo("viewer", null);
        assertError(files.put("/sessions/" + session + "/files/x.txt", viewer, "x"), 403, "FORBIDDEN: Not permitted to write-files sessions");
        assertError(identity.delete("/sessions/" + session + "/files/x.txt", viewer), 403, "FORBIDDEN: Not permitted to write-files sessions");

        String operator = identity.tokenBoundTo("operator", null);
        assertThat(files.put("/sessions/" + session + "/files/x.txt", operator, "x").status()).isEqualTo(201);
        assertThat(last(sessions.events(session)).get("principal").asString()).startsWith("operator-");
        assertNoContent(identity.delete("/sessions/" + session + "/files/x.txt", operator));
    }

    private List<String> eventTypes() {
        return sessions.eventTypes(session);
    }

    private static JsonNode last(JsonNode events) {
        return events.get(events.size() - 1);
    }

    private static List<String> column(JsonNode list, String field) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.get(field).asString()));
        return values;
    }

    static String sha256(String text) throws RuntimeException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
