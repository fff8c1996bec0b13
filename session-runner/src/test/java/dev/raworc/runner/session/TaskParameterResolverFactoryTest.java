package dev.raworc.runner.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.junit.jupiter.api.Test;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;

/** Axon finds the factory on the class path, and a handler of tasks, the runner's included, handles no other message. */
class TaskParameterResolverFactoryTest {

    static class TaskHandler {
        final List<MessagePostedEvent> handled = new ArrayList<>();

        @EventHandler
        void on(@Task MessagePostedEvent event) {
            handled.add(event);
        }
    }

    static class MisplacedTask {
        @EventHandler
        void on(@Task String event) {
        }
    }

    @Test
    void onlyUserMessagesAreTasks() throws Exception {
        TaskHandler handler = new TaskHandler();
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(
                handler, ClasspathParameterResolverFactory.forClass(TaskHandler.class));

        for (MessageRole role : MessageRole.values()) {
            assertThat(adapter.canHandle(posted(role))).as(role.name()).isEqualTo(role == MessageRole.USER);
        }
        EventMessage<?> task = posted(MessageRole.USER);
        adapter.handle(task);
        assertThat(handler.handled).containsExactly((MessagePostedEvent) task.getPayload());
    }

    /** The runner's processor passes every message but a task by, without a transaction for it. */
    @Test
    void theRunnerHandlesOnlyTasksAmongMessages() {
        List<MessageHandlingMember<? super SessionRunner>> handlers = AnnotatedHandlerInspector
                .inspectType(SessionRunner.class, ClasspathParameterResolverFactory.forClass(SessionRunner.class))
                .getAllHandlers().values().stream().flatMap(Collection::stream).toList();

        for (MessageRole role : MessageRole.values()) {
            assertThat(handlers.stream().anyMatch(handler -> handler.canHandle(posted(role)))).as(role.name())
                    .isEqualTo(role == MessageRole.USER);
        }
    }

    @Test
    void aTaskIsAPostedMessage() {
        assertThatThrownBy(() -> new AnnotationEventHandlerAdapter(
                new MisplacedTask(), ClasspathParameterResolverFactory.forClass(MisplacedTask.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("@Task marks a MessagePostedEvent parameter, not java.lang.String");
    }

    private static EventMessage<?> posted(MessageRole role) {
        return GenericEventMessage.asEventMessage(
                new MessagePostedEvent(UUID.randomUUID(), UUID.randomUUID(), 1, role, "do it", Map.of()));
    }
}
