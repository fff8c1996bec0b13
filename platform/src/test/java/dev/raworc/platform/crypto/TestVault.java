package dev.raworc.platform.crypto;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.Side;
import dev.raworc.platform.storage.DataDirectory;
import dev.raworc.platform.storage.StorageMode;
import dev.raworc.platform.testing.TestDatabase;

/** A real {@link SecretVault} on the test database, under one fixed test master key. */
public final class TestVault {

    /** Base64 of 32 bytes; the test database's master-key check is sealed under it. */
    public static final String MASTER_KEY = "dGVzdC1tYXN0ZXIta2V5LWZvci1yYXdvcmMtdGVzdHM=";

    private static SecretVault vault;

    private TestVault() {
    }

    public static synchronized SecretVault vault() {
        if (vault == null) {
            JdbcClient jdbc = TestDatabase.jdbc();
            RaworcProperties properties = new RaworcProperties(Path.of("target"), Set.of(Side.values()), null, null,
                    Duration.ofHours(1), MASTER_KEY, null, "test-image");
            MasterKey masterKey = new MasterKey(properties, StorageMode.EXTERNAL, new DataDirectory(Path.of("target")), jdbc,
                    new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource())));
            vault = new SecretVault(masterKey, jdbc);
        }
        return vault;
    }
}
