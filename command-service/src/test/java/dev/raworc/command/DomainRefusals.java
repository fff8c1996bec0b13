package dev.raworc.command;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import dev.raworc.api.DomainException;

/** Matchers for the refusals command handlers throw, kind and message both. */
public final class DomainRefusals {

    private DomainRefusals() {
    }

    /** A {@link DomainException} of kind {@code CONFLICT} (an HTTP 409) with exactly this message. */
    public static Matcher<Object> conflict(String message) {
        return refusal(DomainException.Kind.CONFLICT, message);
    }

    public static Matcher<Object> refusal(DomainException.Kind kind, String message) {
        return new TypeSafeDiagnosingMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item, Description mismatch) {
                if (!(item instanceof DomainException refusal)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                if (refusal.kind() != kind || !message.equals(refusal.getMessage())) {
                    mismatch.appendText("was a " + refusal.kind() + " refusal ").appendValue(refusal.getMessage());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind + " refusal ").appendValue(message);
            }
        };
    }
}
