package dev.raworc.platform.axon;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Collection;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims every segment of some processors for this process, whichever process holds them now, so
 * it may reset them. Another process's batch then fails its claim check when it commits and rolls
 * back with its rows; setting the owner to nobody instead would let that batch claim it back.
 */
@Component
public class SegmentTakeover {

    /** The node id Axon's JDBC token store gives this process unless configured otherwise. */
    private static final String THIS_PROCESS = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;

    SegmentTakeover(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** @return how many segments changed hands or had their claim renewed */
    public int takeOver(Collection<String> processors) {
        if (processors.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE token_entry SET owner = :owner, timestamp = :now WHERE processor_name IN (:processors)")
                .param("owner", THIS_PROCESS)
                .param("now", Instant.now().toString())
                .param("processors", processors)
                .update();
    }
}
