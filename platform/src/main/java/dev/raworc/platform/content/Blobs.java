package dev.raworc.platform.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * File contents by their SHA-256, stored once however many files and sessions hold them. A content
 * is spooled to a temporary file while its hash is computed, so no request holds it in memory;
 * it is stored in chunks of 1 MiB and read back chunk by chunk.
 */
@Repository
public class Blobs {

    static final int CHUNK = 1 << 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public Blobs(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Stores what the stream holds up to its end.
     *
     * @throws TooLargeException once more than {@code limit} bytes were read
     */
    public StoredBlob store(InputStream in, long limit) throws IOException {
        Path spool = Files.createTempFile("raworc-upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), digest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    size += read;
                    if (size > limit) {
                        throw new TooLargeException("The content is larger than the limit of " + limit + " bytes");
                    }
                    out.write(buffer, 0, read);
                }
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            return new StoredBlob(hash, size, !keep(hash) && insert(hash, size, spool));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * Whether the store holds the content; if it does, it is kept from the next sweeps for a while,
     * so a writer that relies on it has time to name it in a manifest or a hold.
     */
    public boolean keep(String hash) {
        return jdbc.sql("UPDATE content_blobs SET stored_at = now() WHERE hash = :hash").param("hash", hash).update() > 0;
    }

    private boolean insert(String hash, long size, Path spool) {
        int chunks = (int) ((size + CHUNK - 1) / CHUNK);
        Boolean inserted = transactions.execute(status -> {
            int rows = jdbc.sql("INSERT INTO content_blobs (hash, size, chunks) VALUES (:hash, :size, :chunks) "
                            + "ON CONFLICT (hash) DO NOTHING")
                    .param("hash", hash).param("size", size).param("chunks", chunks).update();
            if (rows == 0) {
                return false; // stored meanwhile by another writer
            }
            try (InputStream in = Files.newInputStream(spool)) {
                for (int idx = 0; idx < chunks; idx++) {
                    jdbc.sql("INSERT INTO content_chunks (hash, idx, data) VALUES (:hash, :idx, :data)")
                            .param("hash", hash).param("idx", idx).param("data", in.readNBytes(CHUNK)).update();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        });
        return Boolean.TRUE.equals(inserted);
    }

    /** The content's size, if the store holds it. */
    public java.util.OptionalLong size(String hash) {
        return jdbc.sql("SELECT size FROM content_blobs WHERE hash = :hash").param("hash", hash)
                .query(Long.class).optional().map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    /** The content, read one chunk at a time as the stream is read. */
    public InputStream open(String hash) {
        int chunks = jdbc.sql("SELECT chunks FROM content_blobs WHERE hash = :hash").param("hash", hash)
                .query(Integer.class).optional()
                .orElseThrow(() -> new IllegalStateException("The content store has no content " + hash));
        return new ChunkStream(chunks, idx -> jdbc.sql("SELECT data FROM content_chunks WHERE hash = :hash AND idx = :idx")
                .param("hash", hash).param("idx", idx).query(byte[].class).single());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}
