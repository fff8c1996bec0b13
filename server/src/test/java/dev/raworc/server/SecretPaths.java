package dev.raworc.server;

/**
 * The two forms of the secrets paths: the space in the path ({@code /spaces/{space}/secrets}) or
 * the short form with the space as a parameter ({@code /secrets?space=}).
 */
enum SecretPaths {

    SPACE_IN_PATH {
        @Override
        String secrets(String space) {
            return "/api/v0/spaces/" + space + "/secrets";
        }

        @Override
        String secret(String space, String key) {
            return "/api/v0/spaces/" + space + "/secrets/" + key;
        }
    },
    SHORT_FORM {
        @Override
        String secrets(String space) {
            return "/api/v0/secrets?space=" + space;
        }

        @Override
        String secret(String space, String key) {
            return "/api/v0/secrets/" + key + "?space=" + space;
        }
    };

    abstract String secrets(String space);

    abstract String secret(String space, String key);

    /** The path with one more query parameter, such as {@code show_values=true}. */
    static String with(String path, String parameter) {
        return path + (path.contains("?") ? "&" : "?") + parameter;
    }
}
