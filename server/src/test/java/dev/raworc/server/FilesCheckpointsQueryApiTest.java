package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.column;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.api.files.ExpireCheckpointsCommand;
import dev.raworc.server.ApiClient.Response;

/** {@code GET /sessions/{id}/checkpoints}, and the files as of a message ({@code as_of_seq}). */
class FilesCheckpointsQueryApiTest extends FilesApiTest {

    static final String[] CHECKPOINT_FIELDS = {"checkpoint_no", "message_seq", "manifest_hash", "files", "bytes_added",
            "writes_applied", "recorded_at", "expired"};

    private IdentityApi identity;
    private SessionFilesFixture files;
    private String session;

    /** Checkpoint 1 at message 2, 2 at message 4, 3 at message 5; each with its own version of a.txt. */
    @BeforeEach
    void setUp() {
        identity = new IdentityApi(api(), adminToken());
        SessionApi sessions = new SessionApi(identity);
        files = filesFixture();
        session = id(sessions.create());
        sessions.postSystem(session, "one", "two");
        files.checkpoint(session, files.file("a.txt", "at two"));
        sessions.postSystem(session, "three", "four");
        files.checkpoint(session, files.file("a.txt", "at four"), files.file("b.txt", "b"));
        sessions.postSystem(session, "five");
        files.checkpoint(session, files.file("a.txt", "at five"));
        awaitProjections();
    }

    @Test
    void checkpointsAreListedOldestFirstWithEveryField() {
        JsonNode checkpoints = assertList(checkpoints(""), 3, 0, 100);

        checkpoints.forEach(checkpoint -> {
            assertFields(checkpoint, CHECKPOINT_FIELDS);
            assertTimestamp(checkpoint, "recorded_at");
            assertThat(checkpoint.get("manifest_hash").asString()).matches("[0-9a-f]{64}");
            assertThat(checkpoint.get("expired").asBoolean()).isFalse();
        });
        assertThat(column(checkpoints(""), "checkpoint_no")).containsExactly("1", "2", "3");
        assertThat(column(checkpoints(""), "message_seq")).containsExactly("2", "4", "5");
        assertThat(column(checkpoints(""), "files")).containsExactly("1", "2", "1");
        assertThat(column(checkpoints(""), "writes_applied")).containsExactly("0", "0", "0");
        assertThat(column(assertPage(checkpoints("?limit=1&offset=1"), 1, 1), "checkpoint_no")).containsExactly("2");
    }

    @Test
    void theFilesAsOfAMessageAreThoseOfTheNewestCheckpointAtOrBeforeIt() {
        assertThat(content("a.txt", 2)).isEqualTo("at two");
        assertThat(content("a.txt", 3)).isEqualTo("at two");
        assertThat(content("a.txt", 4)).isEqualTo("at four");
        assertThat(content("a.txt", 5)).isEqualTo("at five");
        assertThat(content("a.txt", 1000)).isEqualTo("at five");
        assertThat(column(files("?as_of_seq=4"), "path")).containsExactly("a.txt", "b.txt");
        assertThat(column(files("?as_of_seq=5"), "path")).containsExactly("a.txt");
    }

    @Test
    void writesAfterACheckpointAreInTheFilesNowOnly() {
        files.write(session, files.file("c.txt", "written"));
        awaitProjections();

        assertThat(column(files(""), "path")).containsExactly("a.txt", "c.txt");
        assertThat(column(files("?as_of_seq=5"), "path")).containsExactly("a.txt");
    }

    @Test
    void beforeTheFirstCheckpointThereAreNoFilesToShow() {
        assertError(files("?as_of_seq=1"), 404, "NOT_FOUND: The session has no checkpoint at or before message 1");
        assertError(files("?as_of_seq=0"), 404, "NOT_FOUND: The session has no checkpoint at or before message 0");
        assertError(identity.get("/sessions/" + session + "/files/a.txt?as_of_seq=1"), 404,
                "NOT_FOUND: The session has no checkpoint at or before message 1");
    }

    @Test
    void anAsOfSeqThatIsNotAMessageNumberIsABadRequest() {
        assertError(files("?as_of_seq=-1"), 400, "BAD_REQUEST: Query parameter 'as_of_seq' must be a non-negative integer");
        assertError(files("?as_of_seq=two"), 400, "BAD_REQUEST: Invalid value for parameter 'as_of_seq'");
    }

    @Test
    void checkpointsRetentionLetGoOfAreListedButTheirFilesAreGone() {
        commands.sendAndWait(new ExpireCheckpointsCommand(UUID.fromString(session), 1));
        awaitProjections();

        assertThat(column(checkpoints(""), "expired")).containsExactly("true", "false", "false");
        assertError(files("?as_of_seq=3"), 404,
                "NOT_FOUND: The files of message 3 are no longer kept: retention let go of checkpoint 1");
        assertThat(content("a.txt", 4)).isEqualTo("at four");
    }

    @Test
    void aRebuildShowsTheSameCheckpointsAndFiles() {
        files.write(session, files.file("c.txt", "written"));
        files.delete(session, "a.txt");
        awaitProjections();
        String checkpointsBefore = checkpoints("").text();
        String filesBefore = files("").text();

        Response rebuild = api().send("POST", "/api/v0/admin/rebuild?wait=true", adminToken(), null, null);

        assertThat(rebuild.json().get("state").asString()).as(rebuild.text()).isEqualTo("done");
        assertThat(checkpoints("").text()).isEqualTo(checkpointsBefore);
        assertThat(files("").text()).isEqualTo(filesBefore);
        assertThat(column(files("?as_of_seq=4"), "path")).containsExactly("a.txt", "b.txt");
    }

    @Test
    void aSessionWithoutCheckpointsListsNone() {
        String fresh = id(new SessionApi(identity).create());
        awaitProjections();

        assertList(identity.get("/sessions/" + fresh + "/checkpoints"), 0, 0, 100);
        String unknown = UUID.randomUUID().toString();
        assertError(identity.get("/sessions/" + unknown + "/checkpoints"), 404, "NOT_FOUND: Session '" + unknown + "' not found");
    }

    private Response checkpoints(String query) {
        return identity.get("/sessions/" + session + "/checkpoints" + query);
    }

    private Response files(String query) {
        return identity.get("/sessions/" + session + "/files" + query);
    }

    private static Response assertPage(Response response, long offset, int limit) {
        assertList(response, 3, offset, limit);
        return response;
    }

    private String content(String path, long asOfSeq) {
        SessionFilesFixture.Download download = files.download(port, "/sessions/" + session + "/files/" + path
                + "?as_of_seq=" + asOfSeq, adminToken(), Map.of());
        assertThat(download.status()).as(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return new String(download.body(), StandardCharsets.UTF_8);
    }
}
