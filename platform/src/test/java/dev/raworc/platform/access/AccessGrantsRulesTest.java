package dev.raworc.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.raworc.api.access.Rule;

/** A role's rules are parsed once per distinct text, and each text gives its own rules. */
class AccessGrantsRulesTest {

    private static final String READ_SESSIONS =
            "[{\"apiGroups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\",\"list\"],\"resourceNames\":null}]";
    private static final String EVERYTHING =
            "[{\"apiGroups\":[\"*\"],\"resources\":[\"*\"],\"verbs\":[\"*\"],\"resourceNames\":null}]";

    private final AccessGrants grants = new AccessGrants(null);

    @Test
    void rulesAreParsedFromTheirStoredText() {
        assertThat(grants.rules(READ_SESSIONS))
                .containsExactly(new Rule(List.of("api"), List.of("sessions"), List.of("get", "list"), null));
    }

    @Test
    void theSameTextIsParsedOnce() {
        List<Rule> first = grants.rules(READ_SESSIONS);

        assertThat(grants.rules(new String(READ_SESSIONS))).isSameAs(first);
    }

    @Test
    void eachTextGivesItsOwnRules() {
        grants.rules(READ_SESSIONS);

        assertThat(grants.rules(EVERYTHING)).singleElement()
                .satisfies(rule -> assertThat(rule.grants("api", "secrets", "delete", "any")).isTrue());
        assertThat(grants.rules(READ_SESSIONS)).singleElement()
                .satisfies(rule -> assertThat(rule.grants("api", "secrets", "delete", "any")).isFalse());
    }

    @Test
    void aFullCacheStartsOverAndStillAnswers() {
        for (int i = 0; i <= AccessGrants.PARSED_RULES_CAPACITY; i++) {
            grants.rules("[{\"apiGroups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\"],\"resourceNames\":[\"s" + i + "\"]}]");
        }

        assertThat(grants.rules(READ_SESSIONS))
                .containsExactly(new Rule(List.of("api"), List.of("sessions"), List.of("get", "list"), null));
        assertThat(grants.rules("[{\"apiGroups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\"],\"resourceNames\":[\"s0\"]}]"))
                .singleElement().satisfies(rule -> assertThat(rule.grants("api", "sessions", "get", "s0")).isTrue());
    }
}
