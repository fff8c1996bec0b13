package dev.raworc.platform.web;

import java.util.regex.Pattern;

/** Java property names as they appear on the wire (snake_case). */
final class WireNames {

    private static final Pattern WORD_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z])");

    private WireNames() {
    }

    static String of(String javaName) {
        return WORD_BOUNDARY.matcher(javaName).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
