package dev.raworc.platform.content;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes what no kept checkpoint and no waiting upload names: manifests first, then contents.
 * Anything stored or relied on within the grace period stays, so writers between storing a content
 * and naming it are safe; a sweep that loses a race to such a writer fails on a foreign key and
 * leaves the rest to the next sweep.
 */
@Component
public class ContentSweep {

    public record Swept(int manifests, int blobs) {
    }

    private final JdbcClient jdbc;

    public ContentSweep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Swept sweep(Duration grace) {
        double seconds = grace.toMillis() / 1000.0;
        int manifests = jdbc.sql("""
                        DELETE FROM content_manifests m
                        WHERE m.stored_at < now() - make_interval(secs => :seconds)
                          AND NOT EXISTS (SELECT 1 FROM content_checkpoints c WHERE c.manifest_hash = m.hash)""")
                .param("seconds", seconds).update();
        int blobs = jdbc.sql("""
                        DELETE FROM content_blobs b
                        WHERE b.stored_at < now() - make_interval(secs => :seconds)
                          AND NOT EXISTS (SELECT 1 FROM content_manifest_blobs mb WHERE mb.blob_hash = b.hash)
                          AND NOT EXISTS (SELECT 1 FROM content_holds h WHERE h.blob_hash = b.hash)""")
                .param("seconds", seconds).update();
        return new Swept(manifests, blobs);
    }
}
