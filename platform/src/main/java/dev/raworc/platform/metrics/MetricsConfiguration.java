package dev.raworc.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message monitors (command and query handling, event processors) on the registry Spring
 * Boot exports. The application excludes Axon's own auto-configuration: it orders itself after Boot
 * 3's registry configuration, which Boot 4 renamed, and so may make a registry nothing exports.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry);
    }

    /** Dimensional: one series per meter with tags (payload type, processor), not a name per combination. */
    @Bean
    MetricsConfigurerModule axonMetrics(GlobalMetricRegistry axonMetricRegistry) {
        return new MetricsConfigurerModule(axonMetricRegistry, true);
    }
}
