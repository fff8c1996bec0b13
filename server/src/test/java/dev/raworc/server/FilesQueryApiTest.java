package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.assertUnauthenticated;
import static dev.raworc.server.IdentityApi.column;
import static dev.raworc.server.SessionApi.id;
import static dev.raworc.server.SessionFilesFixture.directory;
import static dev.raworc.server.SessionFilesFixture.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.api.files.FileEntry;
import dev.raworc.server.ApiClient.Response;

/** {@code GET /sessions/{id}/files}: listings, paths and who may read them. */
class FilesQueryApiTest extends FilesApiTest {

    private IdentityApi identity;
    private SessionApi sessions;
    private SessionFilesFixture files;
    private String session;
    private FileEntry readme;

    @BeforeEach
    void setUp() {
        identity = new IdentityApi(api(), adminToken());
        sessions = new SessionApi(identity);
        files = filesFixture();
        session = id(sessions.create());
        readme = files.file("docs/readme.md", "# Read me\n");
        files.checkpoint(session, files.file("b.txt", "bee"), files.file("a.txt", "a"), readme,
                files.file("docs/guide/intro.md", "intro"), symlink("link", "docs"), symlink("escape", "/etc"),
                symlink("up", "../outside"), symlink("self", "/session/docs/readme.md"));
        awaitProjections();
    }

    @Test
    void theRootIsListedByNameWithEveryField() {
        JsonNode listing = assertList(list(""), 7, 0, 100);

        assertThat(SessionApi.strings(listing, "name")).containsExactly("a.txt", "b.txt", "docs", "escape", "link", "self", "up");
        listing.forEach(entry -> assertFields(entry, ENTRY_FIELDS));
        JsonNode file = listing.get(1);
        assertThat(file.get("path").asString()).isEqualTo("b.txt");
        assertThat(file.get("type").asString()).isEqualTo("file");
        assertThat(file.get("size").asLong()).isEqualTo(3);
        assertThat(file.get("mode").asString()).isEqualTo("0644");
        assertThat(file.get("modified_at").asString()).isEqualTo("2026-11-28T11:00:00.250Z");
        assertThat(file.get("hash").asString()).matches("[0-9a-f]{64}");
        assertThat(file.get("target").isNull()).isTrue();
        JsonNode docs = listing.get(2);
        assertThat(docs.get("type").asString()).isEqualTo("directory");
        assertThat(docs.get("mode").asString()).isEqualTo("0755");
        assertThat(docs.get("hash").isNull()).isTrue();
        JsonNode link = listing.get(4);
        assertThat(link.get("type").asString()).isEqualTo("symlink");
        assertThat(link.get("target").asString()).isEqualTo("docs");
    }

    @Test
    void listingsArePaginated() {
        JsonNode page = assertList(list("?limit=2&offset=1"), 7, 1, 2);
        assertThat(SessionApi.strings(page, "name")).containsExactly("b.txt", "docs");

        assertThat(assertList(list("?offset=7"), 7, 7, 100)).isEmpty();
        assertThat(assertList(list("?limit=5000"), 7, 0, 1000)).hasSize(7);
        assertError(list("?limit=-1"), 400, "BAD_REQUEST: Query parameter 'limit' must be a non-negative integer, not '-1'");
    }

    @Test
    void nestedDirectoriesAreListedByTheirPath() {
        assertThat(column(list("?path=docs"), "path")).containsExactly("docs/guide", "docs/readme.md");
        assertThat(column(list("?path=docs/guide/"), "path")).containsExactly("docs/guide/intro.md");
        assertThat(column(list("?path=./docs//guide"), "path")).containsExactly("docs/guide/intro.md");
        assertThat(column(identity.get("/sessions/" + session + "/files/docs"), "path"))
                .containsExactly("docs/guide", "docs/readme.md");
        assertList(identity.get("/sessions/" + session + "/files/docs?limit=1"), 2, 0, 1);
    }

    @Test
    void aSymlinkThatStaysInsideIsFollowed() {
        assertThat(column(list("?path=link"), "path")).containsExactly("link/guide", "link/readme.md");
        assertThat(column(list("?path=link/guide"), "path")).containsExactly("link/guide/intro.md");
        assertThat(column(list("?path=link"), "hash")).contains(readme.hash());
    }

    @Test
    void aSymlinkLeadingOutsideIsABadRequest() {
        assertError(list("?path=escape"), 400,
                "BAD_REQUEST: Path 'escape' leads outside /session through the symlink 'escape'");
        assertError(list("?path=up/x"), 400, "BAD_REQUEST: Path 'up/x' leads outside /session through the symlink 'up'");
        assertError(identity.get("/sessions/" + session + "/files/escape/passwd"), 400,
                "BAD_REQUEST: Path 'escape/passwd' leads outside /session through the symlink 'escape'");
    }

    @Test
    void upwardsAndAbsolutePathsAreBadRequests() {
        assertError(list("?path=../x"), 400, "BAD_REQUEST: Path '../x' leads outside /session ('..' is not allowed)");
        assertError(list("?path=docs/../../x"), 400,
                "BAD_REQUEST: Path 'docs/../../x' leads outside /session ('..' is not allowed)");
        assertError(list("?path=%2Fetc"), 400, "BAD_REQUEST: Path '/etc' is absolute; paths are relative to /session");
        for (String path : List.of("/files/%2Fetc%2Fpasswd", "/files/%2E%2E/x", "/files/docs/../../x", "/files//etc")) {
            Response refused = identity.get("/sessions/" + session + path);
            assertThat(refused.status()).as(path + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.json().at("/error/code").asString()).isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    void aFileIsNotADirectoryToList() {
        assertError(list("?path=docs/readme.md"), 400, "BAD_REQUEST: Path 'docs/readme.md' is a file, not a directory; "
                + "GET /sessions/" + session + "/files/docs/readme.md downloads it");
    }

    @Test
    void missingPathsAndSessionsAreNotFound() {
        assertError(list("?path=nothing"), 404, "NOT_FOUND: The session has no file or directory 'nothing'");
        assertError(list("?path=docs/nothing/deeper"), 404,
                "NOT_FOUND: The session has no file or directory 'docs/nothing/deeper'");
        assertError(identity.get("/sessions/" + session + "/files/nothing"), 404,
                "NOT_FOUND: The session has no file or directory 'nothing'");
        assertError(identity.get("/sessions/no-such-session/files"), 404, "NOT_FOUND: Session 'no-such-session' not found");
    }

    @Test
    void aDeletedSessionHasNoFiles() {
        sessions.delete(session);

        for (String path : List.of("/files", "/files/a.txt", "/checkpoints")) {
            assertError(identity.get("/sessions/" + session + path), 404, "NOT_FOUND: Session '" + session + "' not found");
        }
    }

    @Test
    void aClosedSessionShowsItsFilesByIdOrName() {
        String name = IdentityApi.unique("files");
        String closed = id(sessions.createNamed(name));
        files.checkpoint(closed, files.file("kept.txt", "kept"));
        sessions.close(closed);
        awaitProjections();

        assertThat(column(identity.get("/sessions/" + name + "/files"), "path")).containsExactly("kept.txt");
    }

    @Test
    void aSessionWithoutCheckpointsShowsItsWritesOrNothing() {
        String fresh = id(sessions.create());
        awaitProjections();
        assertList(list(fresh, ""), 0, 0, 100);

        files.write(fresh, files.file("notes/a.md", "a"), files.file("notes/b.md", "b"));
        files.delete(fresh, "notes/a.md");
        files.write(fresh, directory("empty"));
        awaitProjections();

        assertThat(column(list(fresh, ""), "path")).containsExactly("empty", "notes");
        assertThat(column(list(fresh, "?path=notes"), "path")).containsExactly("notes/b.md");
    }

    @Test
    void theFilesNowAreTheNewestCheckpointsWithTheWritesAfterIt() {
        files.write(session, files.file("a.txt", "rewritten"));
        files.checkpoint(session, 1, files.file("a.txt", "rewritten"), files.file("c.txt", "c"));
        files.write(session, files.file("d.txt", "d"));
        files.delete(session, "c.txt");
        awaitProjections();

        assertThat(column(list(""), "path")).containsExactly("a.txt", "d.txt");
        assertThat(list("").json().get(0).get("size").asLong()).isEqualTo(9);
    }

    @Test
    void readingFilesNeedsATokenWithReadFiles() {
        String role = IdentityApi.unique("sessions-only");
        identity.createRole(role, "[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\",\"list\"]}]");
        String withoutReadFiles = identity.tokenBoundTo(role, null);
        String reader = IdentityApi.unique("file-reader");
        identity.createRole(reader, "[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"read-files\"]}]");
        String withReadFiles = identity.tokenBoundTo(reader, "default");

        for (String path : List.of("/files", "/files/a.txt", "/files/docs", "/checkpoints")) {
            assertUnauthenticated(api().get(IdentityApi.BASE + "/sessions/" + session + path, null));
            assertThat(identity.get("/sessions/" + session + path, withoutReadFiles).status()).as(path).isEqualTo(403);
            assertThat(identity.get("/sessions/" + session + path, withReadFiles).status()).as(path).isEqualTo(200);
        }
        assertThat(identity.get("/sessions/" + session + "/files", withoutReadFiles).json().at("/error/code").asString())
                .isEqualTo("FORBIDDEN");
    }

    private Response list(String query) {
        return list(session, query);
    }

    private Response list(String sessionId, String query) {
        return identity.get("/sessions/" + sessionId + "/files" + query);
    }
}
