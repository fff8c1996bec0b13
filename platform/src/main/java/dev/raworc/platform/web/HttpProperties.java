package dev.raworc.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings ({@code RAWORC_HTTP_…}).
 *
 * @param maxRequestBody the largest request body read; a message's 1 MiB of content takes up to
 *                       6 MiB as JSON when every character is escaped
 */
@ConfigurationProperties("raworc.http")
record HttpProperties(@DefaultValue("8MB") DataSize maxRequestBody) {

    /** The limit as people say it: {@code 8 MiB}, {@code 512 KiB} or {@code 1000 bytes}. */
    String maxRequestBodyText() {
        long bytes = maxRequestBody.toBytes();
        if (bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
