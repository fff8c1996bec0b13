package dev.raworc.platform.content;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Manifests by the SHA-256 of their encoding. Stored with the list of contents they name, which is
 * what keeps those contents from the sweep. A manifest never changes, so reads are cached.
 */
@Repository
public class Manifests {

    private static final int CACHED = 64;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, Manifest> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Manifest> eldest) {
            return size() > CACHED;
        }
    };

    public Manifests(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Stores the manifest (or keeps the stored one from the next sweeps) and answers its hash. The
     * contents it names must be in the store.
     */
    public String store(Manifest manifest) {
        byte[] bytes = ManifestCodec.encode(manifest);
        String hash = Blobs.sha256Hex(bytes);
        transactions.executeWithoutResult(status -> {
            int touched = jdbc.sql("UPDATE content_manifests SET stored_at = now() WHERE hash = :hash")
                    .param("hash", hash).update();
            if (touched > 0) {
                return;
            }
            int inserted = jdbc.sql("INSERT INTO content_manifests (hash, data) VALUES (:hash, :data) ON CONFLICT DO NOTHING")
                    .param("hash", hash).param("data", bytes).update();
            if (inserted > 0) {
                for (String blob : manifest.hashes()) {
                    jdbc.sql("INSERT INTO content_manifest_blobs (manifest_hash, blob_hash) VALUES (:manifest, :blob)")
                            .param("manifest", hash).param("blob", blob).update();
                }
            }
        });
        synchronized (cache) {
            cache.put(hash, manifest);
        }
        return hash;
    }

    /** The manifest of that hash. */
    public Manifest load(String hash) {
        synchronized (cache) {
            Manifest cached = cache.get(hash);
            if (cached != null) {
                return cached;
            }
        }
        byte[] bytes = jdbc.sql("SELECT data FROM content_manifests WHERE hash = :hash").param("hash", hash)
                .query(byte[].class).optional()
                .orElseThrow(() -> new IllegalStateException("The content store has no manifest " + hash));
        Manifest manifest = ManifestCodec.decode(bytes);
        synchronized (cache) {
            cache.put(hash, manifest);
        }
        return manifest;
    }
}
