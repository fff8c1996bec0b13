package dev.raworc.platform.access;

import java.util.Optional;

/**
 * The names that permission checks compare with {@code resource_names}, looked up by id or name.
 * Each side answers from tables it owns: the command side from its claims and credentials, a
 * process serving only reads from its read models.
 */
public interface TargetNames {

    /** @return the name of the role with this id or name */
    Optional<String> role(String idOrName);

    /** @return the user of the service account with this id or user name */
    Optional<String> serviceAccount(String idOrUser);
}
