package dev.raworc.api.session;

import java.time.Instant;

/**
 * What posting a message answers: the number the session gave it and the time its event was
 * recorded, which together with the command make the message as the read model shows it.
 */
public record MessageReceipt(long seq, Instant postedAt) {
}
