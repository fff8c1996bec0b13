package dev.raworc.runner.session;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;

/**
 * Resolves {@link Task} parameters. A handler whose parameter does not match a message cannot
 * handle it, so Axon's processors skip such a message as they skip an event type nobody handles.
 * Found by Axon through {@code META-INF/services}.
 */
public final class TaskParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<MessagePostedEvent> createInstance(Executable executable, Parameter[] parameters, int index) {
        Parameter parameter = parameters[index];
        if (!parameter.isAnnotationPresent(Task.class)) {
            return null;
        }
        if (parameter.getType() != MessagePostedEvent.class) {
            throw new IllegalStateException("@Task marks a MessagePostedEvent parameter, not " + parameter + " of " + executable);
        }
        return new ParameterResolver<>() {
            @Override
            public MessagePostedEvent resolveParameterValue(Message<?> message) {
                return (MessagePostedEvent) message.getPayload();
            }

            @Override
            public boolean matches(Message<?> message) {
                return message.getPayload() instanceof MessagePostedEvent posted && posted.role() == MessageRole.USER;
            }

            @Override
            public Class<?> supportedPayloadType() {
                return MessagePostedEvent.class;
            }
        };
    }
}
