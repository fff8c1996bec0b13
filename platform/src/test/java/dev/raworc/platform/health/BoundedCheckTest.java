package dev.raworc.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedCheckTest {

    private final BoundedCheck<String> check = new BoundedCheck<>("test", Duration.ofMillis(200));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHungChecks() {
        release.countDown();
    }

    @Test
    void givesTheAnswerOfACheckThatAnswersInTime() {
        assertThat(check.run(() -> "up")).contains("up");
    }

    @Test
    void givesUpWaitingAtTheDeadline() {
        long start = System.nanoTime();

        assertThat(check.run(this::hang)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(190), Duration.ofSeconds(2));
        assertThat(check.noAnswer()).isEqualTo("no answer within 200 ms");
    }

    @Test
    void waitsAgainOnACheckStillRunningInsteadOfStartingAnother() {
        AtomicInteger started = new AtomicInteger();

        check.run(() -> {
            started.incrementAndGet();
            return hang();
        });
        assertThat(check.run(() -> "fresh")).isEmpty();
        release.countDown();

        assertThat(started).hasValue(1);
        assertThat(check.run(() -> "fresh")).as("an answer once the hung check has ended").isNotEmpty();
    }

    @Test
    void passesOnWhatTheCheckThrew() {
        assertThatThrownBy(() -> check.run(() -> {
            throw new IllegalStateException("database refused");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database refused");
    }

    private String hang() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "late";
    }
}
