package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimestampsTest {

    @Test
    void readsEveryTimeAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            String stored = DateTimeUtils.formatInstant(Instant.ofEpochMilli(random.nextLong(from, to)));
            assertThat(EventTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.999Z", "2000-01-01T00:00:00.000Z", "2026-12-01T19:52:33.155Z"})
    void readsTheEdgesOfDaysAndYears(String stored) {
        assertThat(EventTimestamps.parse(stored)).isEqualTo(Instant.parse(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T19:52:33Z", "2026-12-01T19:52:33.155123Z", "2026-12-01T20:52:33.155+01:00"})
    void leavesOtherIsoShapesToAxon(String stored) {
        assertThat(EventTimestamps.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T19:52:33.155Z", "2026-12-01T24:00:00.000Z", "2026-12-01T19:60:33.155Z",
            "2026-13-01T19:52:33.155Z", "2026-12-01 19:52:33.155Z", "2026-12-01T19:52:3x.155Z", ""})
    void refusesWhatIsNoTimeAsAxonDoes(String stored) {
        assertThatThrownBy(() -> EventTimestamps.parse(stored)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(stored)).isInstanceOf(DateTimeParseException.class);
    }
}
