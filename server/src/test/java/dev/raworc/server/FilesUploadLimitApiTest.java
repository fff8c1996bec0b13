package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.raworc.server.FileWrites.Tar;

/**
 * {@code raworc.files.max-upload}: an upload over it is refused with 413, whether its length is
 * declared or it arrives chunked; other request bodies keep their own limit. A server of its own,
 * with a small limit.
 */
@DirtiesContext
@SpringBootTest(classes = RaworcApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FilesUploadLimitApiTest {

    private static final int LIMIT = 64 * 1024;
    private static final String TOO_LARGE = "PAYLOAD_TOO_LARGE: The upload is larger than the limit of " + LIMIT
            + " bytes (raworc.files.max-upload)";

    /** A server beside the shared one needs a data directory of its own. */
    private static final Path DATA_DIR = Path.of("target", "test-data", "upload-limit-" + UUID.randomUUID());

    /** Not an ApiTest: its property source would give this server the shared one's data directory. */
    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("raworc.data-dir", DATA_DIR::toString);
        registry.add("raworc.admin-password", () -> ApiTest.ADMIN_PASSWORD);
        registry.add("raworc.jwt-secret", () -> ApiTest.JWT_SECRET);
        registry.add("raworc.sides", () -> "command,query");
        registry.add("raworc.files.max-upload", () -> LIMIT + "B");
    }

    @LocalServerPort
    int port;

    private FileWrites files;
    private SessionApi sessions;
    private String token;
    private String session;

    @BeforeEach
    void connect() {
        ApiClient api = new ApiClient(port);
        token = api.login("admin", ApiTest.ADMIN_PASSWORD);
        sessions = new SessionApi(new IdentityApi(api, token));
        files = new FileWrites(port);
        session = id(sessions.create());
    }

    @Test
    void anUploadOfTheLimitIsTaken() {
        assertThat(files.put(path("full.bin"), token, "application/octet-stream", bytes(LIMIT)).status()).isEqualTo(201);
        assertThat(files.putChunked(path("full-chunked.bin"), token, "application/octet-stream", bytes(LIMIT)).status())
                .isEqualTo(201);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413() {
        assertError(files.put(path("big.bin"), token, "application/octet-stream", bytes(LIMIT + 1)), 413, TOO_LARGE);
        assertThat(sessions.eventTypes(session)).doesNotContain("FilesWrittenEvent");
    }

    @Test
    void aChunkedBodyPassingTheLimitIs413() {
        assertError(files.putChunked(path("big.bin"), token, "application/octet-stream", bytes(LIMIT + 1)), 413, TOO_LARGE);
        byte[] tar = new Tar().file("a.bin", bytes(LIMIT / 2)).file("b.bin", bytes(LIMIT / 2)).bytes();
        assertError(files.putChunked(path("t"), token, FileWrites.TAR, tar), 413, TOO_LARGE);
        assertThat(sessions.eventTypes(session)).doesNotContain("FilesWrittenEvent");
    }

    private String path(String file) {
        return "/sessions/" + session + "/files/" + file;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
