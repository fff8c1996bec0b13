package dev.raworc.platform.content;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Session files and checkpoints ({@code RAWORC_FILES_…}).
 *
 * @param maxUpload         the largest upload (one file, or one tar archive) a request may carry
 * @param keepLast          retention: every session keeps at least its newest checkpoints, this many
 * @param keepNewerThan     retention: and every checkpoint younger than this
 * @param retentionInterval how often retention and the content sweep run
 * @param sweepGrace        content stored or relied on this recently is never swept: time for a
 *                          writer to name it in a checkpoint
 */
@ConfigurationProperties("raworc.files")
public record FilesProperties(@DefaultValue("100MB") DataSize maxUpload, @DefaultValue("50") int keepLast,
                              @DefaultValue("7d") Duration keepNewerThan, @DefaultValue("1m") Duration retentionInterval,
                              @DefaultValue("1h") Duration sweepGrace) {

    public FilesProperties {
        if (keepLast < 1) {
            throw new IllegalArgumentException("raworc.files.keep-last must be at least 1: the newest checkpoint holds "
                    + "the files of a closed session");
        }
    }
}
