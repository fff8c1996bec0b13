package dev.raworc.platform.axon;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the aggregate a command record targets through the component marked
 * {@link TargetAggregateIdentifier}, looked up once per command type. Axon's default resolver scans
 * every method and field of the command, and their annotations, twice on every command: about 5 %
 * of a message post's request-thread CPU. Commands that are not records, that name the annotation
 * only through a meta-annotation, or that carry a {@link TargetAggregateVersion} go to Axon's
 * resolver, which handles every form.
 */
final class RecordCommandTargetResolver implements CommandTargetResolver {

    private final CommandTargetResolver general = AnnotationCommandTargetResolver.builder().build();

    private final ClassValue<Optional<Method>> identifierAccessors = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return identifierAccessor(type);
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Optional<Method> accessor = identifierAccessors.get(command.getPayloadType());
        if (accessor.isEmpty()) {
            return general.resolveTarget(command);
        }
        Object identifier = read(accessor.get(), command.getPayload());
        if (identifier == null) {
            throw new IllegalArgumentException("Invalid command: the " + command.getPayloadType().getSimpleName()
                    + " does not name its target aggregate (" + accessor.get().getName() + " is null)");
        }
        return new VersionedAggregateIdentifier(identifier, null);
    }

    private static Optional<Method> identifierAccessor(Class<?> type) {
        if (!type.isRecord() || Arrays.stream(type.getRecordComponents())
                .anyMatch(component -> marked(type, component, TargetAggregateVersion.class))) {
            return Optional.empty();
        }
        Optional<Method> accessor = Arrays.stream(type.getRecordComponents())
                .filter(component -> marked(type, component, TargetAggregateIdentifier.class))
                .map(RecordComponent::getAccessor)
                .findFirst();
        // a command record nested in a package-private class is still read, as Axon's resolver does
        accessor.ifPresent(method -> method.setAccessible(true));
        return accessor;
    }

    /** A component's annotation lands on its field or accessor, as the annotation's targets allow. */
    private static boolean marked(Class<?> type, RecordComponent component,
                                  Class<? extends Annotation> annotation) {
        try {
            return component.getAccessor().isAnnotationPresent(annotation)
                    || type.getDeclaredField(component.getName()).isAnnotationPresent(annotation);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("A record without the field of its component " + component, e);
        }
    }

    private static Object read(Method accessor, Object command) {
        try {
            return accessor.invoke(command);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot read " + accessor + " of a command", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Reading " + accessor + " of a command failed", e.getCause());
        }
    }
}
