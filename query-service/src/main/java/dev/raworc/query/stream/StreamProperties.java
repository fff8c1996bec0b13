package dev.raworc.query.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live event streams ({@code RAWORC_STREAMS_…}).
 *
 * @param heartbeat      how often an idle stream sends a comment (so proxies keep it open) and
 *                       checks again that its caller may still read it
 * @param maxSubscribers open streams one process serves at most; more are refused with 503
 */
@ConfigurationProperties("raworc.streams")
record StreamProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("500") int maxSubscribers) {
}
