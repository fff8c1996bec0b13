package dev.raworc.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RunnerPropertiesTest {

    @Test
    void withoutSettingsTheRunnerIsDefaultAndLostAfterAMinute() {
        RunnerProperties properties = bind(Map.of());

        assertThat(properties.name()).isEqualTo("default");
        assertThat(properties.lostAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.owns(null)).isTrue();
        assertThat(properties.owns("default")).isTrue();
        assertThat(properties.owns("b")).isFalse();
    }

    @Test
    void aNamedRunnerOwnsOnlyWhatCarriesItsName() {
        RunnerProperties properties = bind(Map.of("raworc.runner.name", "runner-2", "raworc.runner.lost-after", "3s",
                "raworc.runner.heartbeat-interval", "1s"));

        assertThat(properties.name()).isEqualTo("runner-2");
        assertThat(properties.lostAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.owns("runner-2")).isTrue();
        assertThat(properties.owns(null)).isFalse();
        assertThat(properties.owns("default")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Runner", "-a", "a b", "a/b", "a@b",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void aNameThatIsNotARunnerNameStopsTheStartWithAClearMessage(String name) {
        assertThatThrownBy(() -> bind(Map.of("raworc.runner.name", name)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("RAWORC_RUNNER_NAME '" + name + "' is not a runner name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "runner_1.eu-west", "a23456789012345678901234567890123456789012345678901234567890123"})
    void theseAreRunnerNames(String name) {
        assertThat(bind(Map.of("raworc.runner.name", name)).name()).isEqualTo(name);
    }

    @Test
    void lostAfterMustBeLongerThanTheHeartbeatInterval() {
        assertThatThrownBy(() -> bind(Map.of("raworc.runner.lost-after", "5s")))
                .rootCause().hasMessageContaining("RAWORC_RUNNER_LOST_AFTER (PT5S) must be longer than");
    }

    private static RunnerProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("raworc.runner", RunnerProperties.class);
    }
}
