package dev.raworc.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void createsSecretsOwnerOnlyAndKeepsThem() throws Exception {
        DataDirectory data = new DataDirectory(temp.resolve("data"));

        String first = data.readOrCreate("key", () -> "generated-1");
        String second = data.readOrCreate("key", () -> "generated-2");

        assertThat(first).isEqualTo("generated-1");
        assertThat(second).isEqualTo("generated-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("data/key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("data"))))
                .isEqualTo("rwx------");
    }

    @Test
    void neverOverwritesAnExistingFile() {
        DataDirectory data = new DataDirectory(temp);

        assertThat(data.writeOwnerOnly("admin-password", "one")).isTrue();
        assertThat(data.writeOwnerOnly("admin-password", "two")).isFalse();
        assertThat(data.read("admin-password")).contains("one");
        assertThat(data.read("missing")).isEmpty();
    }
}
