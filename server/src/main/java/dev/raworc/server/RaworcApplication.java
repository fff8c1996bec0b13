package dev.raworc.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;

import dev.raworc.command.CommandSide;
import dev.raworc.query.QuerySide;
import dev.raworc.runner.RunnerSide;

/**
 * The Raworc server. The platform is always loaded; each side loads when {@code raworc.sides}
 * names it, so one jar serves a single box and a split deployment alike.
 */
@SpringBootApplication(scanBasePackages = "dev.raworc.platform",
        // accounts are our own: Spring's generated in-memory user (and its logged password) must not exist
        exclude = UserDetailsServiceAutoConfiguration.class,
        // Axon's monitors go to the exported registry through the platform's MetricsConfiguration
        excludeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
@Import({CommandSide.class, QuerySide.class, RunnerSide.class})
public class RaworcApplication {

    public static void main(String[] args) {
        // Axon prints an advertisement for its hosted console at every start unless told not to.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(RaworcApplication.class, args);
    }
}
