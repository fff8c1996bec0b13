package dev.raworc.platform.access;

import java.util.Optional;
import java.util.UUID;

/**
 * An account's access as it is now: whether its tokens still hold and the rules of its bindings.
 * Each side answers from tables it owns, so a process serving only reads checks tokens and
 * permissions without the command side's tables; a process with the command side uses its own.
 */
public interface AccountDirectory {

    /** @return the account's access, its bindings oldest first; empty when there is no such account */
    Optional<AccountAccess> find(UUID accountId);
}
