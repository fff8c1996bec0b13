package dev.raworc.platform.access;

/**
 * The object a request acts on, as permissions see it: the space it lives in ({@code null} for a
 * global resource, or a create whose space is not known yet) and its name for {@code resource_names}.
 */
public record Target(String space, String name) {

    public static final Target NONE = new Target(null, null);
}
