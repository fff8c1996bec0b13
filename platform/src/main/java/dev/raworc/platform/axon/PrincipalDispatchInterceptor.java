package dev.raworc.platform.axon;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.platform.security.AuthenticatedAccount;

/**
 * Stamps each command with who sent it: the authenticated account of the HTTP request, or
 * {@code system} for work the server does on its own. A principal set explicitly is kept.
 */
class PrincipalDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.getMetaData().containsKey(MetaDataKeys.PRINCIPAL)
                ? command
                : command.andMetaData(Map.of(MetaDataKeys.PRINCIPAL, currentPrincipal()));
    }

    private static String currentPrincipal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedAccount account) {
            return account.user();
        }
        return MetaDataKeys.SYSTEM_PRINCIPAL;
    }
}
