package dev.raworc.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.postgresql.ds.PGSimpleDataSource;

import dev.raworc.platform.axon.AxonServerLink;
import dev.raworc.platform.testing.TestDatabase;

class HealthControllerTest {

    /** Without the axonserver profile there is no connection manager: the events are in PostgreSQL. */
    private static final AxonServerLink NO_AXON_SERVER = new AxonServerLink(new StaticListableBeanFactory()
            .getBeanProvider(AxonServerConnectionManager.class));
    private static final ReadinessProperties LIMITS = new ReadinessProperties(Duration.ofSeconds(10), Duration.ofMillis(500));

    @Test
    void upWhileDatabaseAndEventStoreAnswer() {
        HealthController health = new HealthController(TestDatabase.jdbc(), runtime(() -> ComponentStatus.UP), NO_AXON_SERVER, LIMITS);

        var answer = health.health();

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().status()).isEqualTo("UP");
        assertThat(answer.getBody().checks()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "database", ComponentStatus.UP, "event_store", ComponentStatus.UP,
                "container_runtime", ComponentStatus.UP));
    }

    @Test
    void containerRuntimeDisabledWhenThisProcessRunsNoRunner() {
        HealthController health = new HealthController(TestDatabase.jdbc(), new StaticListableBeanFactory()
                .getBeanProvider(ContainerRuntimeStatus.class), NO_AXON_SERVER, LIMITS);

        assertThat(health.health().getBody().checks()).containsEntry("container_runtime", ComponentStatus.DISABLED);
    }

    @Test
    void unavailableWhenTheDatabaseIsDown() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {1});
        unreachable.setConnectTimeout(1);
        HealthController health = new HealthController(JdbcClient.create(unreachable), runtime(() -> ComponentStatus.DOWN), NO_AXON_SERVER, LIMITS);

        var answer = health.health();

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getBody().status()).isEqualTo("DOWN");
        assertThat(answer.getBody().checks()).containsEntry("database", ComponentStatus.DOWN)
                .containsEntry("event_store", ComponentStatus.DOWN);
    }

    @Test
    void aContainerRuntimeThatHangsCountsAsDownWithinTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        HealthController health = new HealthController(TestDatabase.jdbc(), runtime(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ComponentStatus.UP;
        }), NO_AXON_SERVER, LIMITS);

        long start = System.nanoTime();
        var answer = health.health();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answer.getBody().checks()).containsEntry("container_runtime", ComponentStatus.DOWN)
                .containsEntry("database", ComponentStatus.UP);
        never.countDown();
    }

    private static org.springframework.beans.factory.ObjectProvider<ContainerRuntimeStatus> runtime(
            ContainerRuntimeStatus status) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("runtime", status);
        return beans.getBeanProvider(ContainerRuntimeStatus.class);
    }
}
