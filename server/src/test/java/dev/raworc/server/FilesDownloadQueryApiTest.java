package dev.raworc.server;

import static dev.raworc.server.SessionApi.id;
import static dev.raworc.server.SessionFilesFixture.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.files.FileEntry;
import dev.raworc.server.SessionFilesFixture.Download;

/** {@code GET /sessions/{id}/files/{path}}: a file's bytes, a directory as a tar. */
class FilesDownloadQueryApiTest extends FilesApiTest {

    private static final String TAR = "application/x-tar";

    private SessionFilesFixture files;
    private String session;
    private String token;
    private byte[] large;
    private FileEntry largeFile;

    @BeforeEach
    void setUp() {
        token = adminToken();
        files = filesFixture();
        session = id(new SessionApi(new IdentityApi(api(), token)).create());
        // a few chunks of the content store and a part of one
        large = new byte[3 * (1 << 20) + 17];
        new Random(22).nextBytes(large);
        largeFile = files.file("data/big.bin", large, 0600);
        files.checkpoint(session, largeFile, files.file("data/notes/a.txt", "a"), files.file("data/run.sh", "#!/bin/sh\n".getBytes(
                StandardCharsets.UTF_8), 0755), files.file("data/empty.txt", ""), symlink("data/latest", "notes/a.txt"),
                symlink("data/outside", "/etc/passwd"), files.file("top.txt", "top"), symlink("shortcut", "data"));
        awaitProjections();
    }

    @Test
    void aFileIsDownloadedByteForByteWithItsHashAsETag() {
        Download download = get("/files/data/big.bin", Map.of());

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(large.length));
        assertThat(download.header("ETag")).isEqualTo("\"" + largeFile.hash() + "\"");
        assertThat(download.header("Content-Disposition")).contains("attachment").contains("big.bin");
        assertThat(download.body()).isEqualTo(large);
    }

    @Test
    void aFileTheClientHoldsIsNotSentAgain() {
        String etag = "\"" + largeFile.hash() + "\"";

        Download unchanged = get("/files/data/big.bin", Map.of("If-None-Match", etag));
        Download changed = get("/files/data/big.bin", Map.of("If-None-Match", "\"" + "0".repeat(64) + "\""));

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).hasSize(large.length);
    }

    @Test
    void symlinksInsideAreFollowedToTheirFile() {
        assertThat(text(get("/files/data/latest", Map.of()))).isEqualTo("a");
        assertThat(text(get("/files/shortcut/notes/a.txt", Map.of()))).isEqualTo("a");
        assertThat(get("/files/data/outside", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void anEmptyFileIsDownloadedEmpty() {
        Download empty = get("/files/data/empty.txt", Map.of());

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.header("Content-Length")).isEqualTo("0");
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void aDirectoryIsDownloadedAsATarOfItsSubtree() throws IOException {
        Download tar = get("/files/data", Map.of("Accept", TAR));

        assertThat(tar.status()).isEqualTo(200);
        assertThat(tar.header("Content-Type")).isEqualTo(TAR);
        assertThat(tar.header("Content-Disposition")).contains("data.tar");
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> contents = read(tar.body(), entries);
        assertThat(entries.keySet()).containsExactly("big.bin", "empty.txt", "latest", "notes/", "notes/a.txt",
                "outside", "run.sh");
        assertThat(contents.get("big.bin")).isEqualTo(large);
        assertThat(contents.get("notes/a.txt")).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(contents.get("empty.txt")).isEmpty();
        assertThat(entries.get("big.bin").getMode()).isEqualTo(0600);
        assertThat(entries.get("run.sh").getMode()).isEqualTo(0755);
        assertThat(entries.get("notes/").isDirectory()).isTrue();
        assertThat(entries.get("latest").isSymbolicLink()).isTrue();
        assertThat(entries.get("latest").getLinkName()).isEqualTo("notes/a.txt");
        assertThat(entries.get("outside").getLinkName()).isEqualTo("/etc/passwd");
        assertThat(entries.get("big.bin").getLastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(SessionFilesFixture.MODIFIED.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void theRootAndDirectoriesBehindSymlinksAreTarredToo() throws IOException {
        Map<String, TarArchiveEntry> root = new LinkedHashMap<>();
        read(get("/files/", Map.of("Accept", TAR)).body(), root);
        Map<String, TarArchiveEntry> viaLink = new LinkedHashMap<>();
        read(get("/files/shortcut/notes", Map.of("Accept", TAR)).body(), viaLink);

        assertThat(root.keySet()).containsExactly("data/", "data/big.bin", "data/empty.txt", "data/latest", "data/notes/",
                "data/notes/a.txt", "data/outside", "data/run.sh", "shortcut", "top.txt");
        assertThat(viaLink.keySet()).containsExactly("a.txt");
    }

    @Test
    void aDirectoryWithoutTheTarTypeIsItsListing() {
        Download listing = get("/files/data", Map.of("Accept", "*/*"));

        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.header("Content-Type")).startsWith("application/json");
        assertThat(listing.header("X-Total-Count")).isEqualTo("6");
        assertThat(ApiClient.JSON.readTree(listing.body()).get(0).get("path").asString()).isEqualTo("data/big.bin");
    }

    @Test
    void aFileAskedForAsATarIsStillItsBytes() {
        Download file = get("/files/top.txt", Map.of("Accept", TAR));

        assertThat(file.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(text(file)).isEqualTo("top");
    }

    private Download get(String path, Map<String, String> headers) {
        return files.download(port, "/sessions/" + session + path, token, headers);
    }

    private static String text(Download download) {
        assertThat(download.status()).as(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return new String(download.body(), StandardCharsets.UTF_8);
    }

    /** The tar's entries by name, in order, and the contents of its files. */
    private static Map<String, byte[]> read(byte[] tar, Map<String, TarArchiveEntry> entries) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
                entries.put(entry.getName(), entry);
                if (entry.isFile()) {
                    contents.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        assertThat(names).doesNotHaveDuplicates();
        return contents;
    }
}
