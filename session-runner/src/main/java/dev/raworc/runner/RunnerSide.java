package dev.raworc.runner;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import dev.raworc.platform.ConditionalOnSide;
import dev.raworc.platform.Side;

/** The runner side: drives the container engine in reaction to session events. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.RUNNER)
@ComponentScan
public class RunnerSide {
}
