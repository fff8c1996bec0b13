package dev.raworc.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The agent's output, its exit status and the scan after them, split wherever the frames happen to be cut. */
class ScanSplitterTest {

    private static final String TOKEN = "raworc-scan-5c1e";
    private static final String SCAN = "13\nfile|644|1|x\n" + "TAR";

    @Test
    void outputBeforeTheBoundaryPassesAndTheScanAfterItIsParsedWhereverFramesAreCut() throws IOException {
        String stream = "hello\nworld" + "\0" + TOKEN + " 3\n" + SCAN;
        for (int cut = 1; cut < stream.length(); cut++) {
            List<String> passed = new ArrayList<>();
            ScanSplitter splitter = new ScanSplitter(FileScan.boundary(TOKEN), bytes -> passed.add(new String(bytes, StandardCharsets.UTF_8)));
            splitter.write(stream.substring(0, cut).getBytes(StandardCharsets.UTF_8));
            splitter.write(stream.substring(cut).getBytes(StandardCharsets.UTF_8));
            splitter.end();

            assertThat(String.join("", passed)).as("cut at %d", cut).isEqualTo("hello\nworld");
            assertThat(splitter.status()).hasValue(3);
            FileScan scan = splitter.scan().orElseThrow();
            assertThat(scan.listing()).isEqualTo("file|644|1|x\n");
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            scan.changed().transferTo(tar);
            assertThat(tar.toString(StandardCharsets.UTF_8)).isEqualTo("TAR");
            assertThat(scan.changedLength()).isEqualTo(3);
        }
    }

    /** Live output must not wait for more: only a NUL byte could start the boundary. */
    @Test
    void outputIsPassedAsItComes() {
        List<String> passed = new ArrayList<>();
        ScanSplitter splitter = new ScanSplitter(FileScan.boundary(TOKEN), bytes -> passed.add(new String(bytes, StandardCharsets.UTF_8)));
        splitter.write("started\n".getBytes(StandardCharsets.UTF_8));

        assertThat(passed).containsExactly("started\n");
    }

    @Test
    void withoutTheBoundaryEverythingIsOutputAndThereIsNoScan() {
        List<String> passed = new ArrayList<>();
        ScanSplitter splitter = new ScanSplitter(FileScan.boundary(TOKEN), bytes -> passed.add(new String(bytes, StandardCharsets.UTF_8)));
        splitter.write(("almost " + "\0" + TOKEN.substring(0, 8)).getBytes(StandardCharsets.UTF_8));
        splitter.end();

        assertThat(String.join("", passed)).isEqualTo("almost \0" + TOKEN.substring(0, 8));
        assertThat(splitter.status()).isEmpty();
        assertThat(splitter.scan()).isEmpty();
    }

    @Test
    void aScanCutShortIsNoScan() {
        ScanSplitter splitter = new ScanSplitter(FileScan.boundary(TOKEN), bytes -> {
        });
        splitter.write(("\0" + TOKEN + " 0\n" + "40\nonly a part of the listing").getBytes(StandardCharsets.UTF_8));
        splitter.end();

        assertThat(splitter.status()).hasValue(0);
        assertThat(splitter.scan()).isEmpty();
    }
}
