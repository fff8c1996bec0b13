package dev.raworc.platform.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.raworc.platform.content.FilePaths.InvalidPathException;

/** Paths as clients give them: made canonical, or refused with the reason. */
class FilePathsTest {

    @Test
    void aPathIsStoredWithoutDotsEmptySegmentsOrATrailingSlash() {
        assertThat(FilePaths.normalize("./a//b/")).isEqualTo("a/b");
        assertThat(FilePaths.normalize(null)).isEqualTo(FilePaths.ROOT);
        assertThat(FilePaths.normalize("notes/.raworc")).isEqualTo("notes/.raworc");
    }

    @Test
    void pathsOutsideSessionOrInRaworcsOwnDirectoryAreRefused() {
        assertThatThrownBy(() -> FilePaths.normalize("/etc/passwd")).isInstanceOf(InvalidPathException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> FilePaths.normalize("a/../../b")).isInstanceOf(InvalidPathException.class).hasMessageContaining("..");
        for (String reserved : new String[] {".raworc", ".raworc/environment", "./.raworc/", "//.raworc/x"}) {
            assertThatThrownBy(() -> FilePaths.normalize(reserved)).as(reserved).isInstanceOf(InvalidPathException.class)
                    .hasMessageContaining(".raworc/");
        }
    }

    @Test
    void onlyRaworcsOwnDirectoryAndWhatIsInItAreReserved() {
        assertThat(FilePaths.isReserved(".raworc")).isTrue();
        assertThat(FilePaths.isReserved(".raworc/environment")).isTrue();
        assertThat(FilePaths.isReserved(".raworcs")).isFalse();
        assertThat(FilePaths.isReserved("a/.raworc")).isFalse();
    }
}
