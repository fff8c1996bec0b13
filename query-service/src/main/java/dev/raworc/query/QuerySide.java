package dev.raworc.query;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import dev.raworc.platform.ConditionalOnSide;
import dev.raworc.platform.Side;

/** The query side: projections into read-model tables and the endpoints that read them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.QUERY)
@ComponentScan
public class QuerySide {
}
