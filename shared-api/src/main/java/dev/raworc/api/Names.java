package dev.raworc.api;

import java.util.regex.Pattern;

/** The naming rules of the API, shared by every side that checks input. */
public final class Names {

    /** Service account users, role, space and session names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** Secret keys: they become environment variable names. */
    public static final Pattern SECRET_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public static final String NAME_RULE = "must be 1-63 characters of letters, digits, '.', '_' or '-', "
            + "starting with a letter or digit";

    /** The space that always exists. */
    public static final String DEFAULT_SPACE = "default";

    private Names() {
    }

    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }
}
