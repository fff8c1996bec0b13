package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

class RecordCommandTargetResolverTest {

    record RenameThingCommand(String name, @TargetAggregateIdentifier UUID thingId) {
    }

    record RenameThingAtVersionCommand(@TargetAggregateIdentifier UUID thingId, @TargetAggregateVersion long version) {
    }

    record UnmarkedCommand(UUID thingId) {
    }

    static final class ClassicCommand {
        @TargetAggregateIdentifier
        private final String thingId;

        ClassicCommand(String thingId) {
            this.thingId = thingId;
        }
    }

    private final RecordCommandTargetResolver resolver = new RecordCommandTargetResolver();

    @Test
    void readsTheMarkedComponentOfARecord() {
        UUID thing = UUID.randomUUID();

        VersionedAggregateIdentifier target = resolver.resolveTarget(command(new RenameThingCommand("new name", thing)));

        assertThat(target.getIdentifierValue()).isEqualTo(thing);
        assertThat(target.getVersion()).isNull();
        assertThat(target).isEqualTo(axons(new RenameThingCommand("new name", thing)));
    }

    @Test
    void answersTheSameOnEveryCommandOfAType() {
        for (int i = 0; i < 3; i++) {
            UUID thing = UUID.randomUUID();
            assertThat(resolver.resolveTarget(command(new RenameThingCommand("n" + i, thing))).getIdentifierValue())
                    .isEqualTo(thing);
        }
    }

    @Test
    void refusesARecordWhoseMarkedComponentIsNull() {
        assertThatThrownBy(() -> resolver.resolveTarget(command(new RenameThingCommand("new name", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RenameThingCommand")
                .hasMessageContaining("thingId");
    }

    @Test
    void leavesVersionedRecordsToAxon() {
        RenameThingAtVersionCommand versioned = new RenameThingAtVersionCommand(UUID.randomUUID(), 7);

        VersionedAggregateIdentifier target = resolver.resolveTarget(command(versioned));

        assertThat(target.getVersion()).isEqualTo(7L);
        assertThat(target).isEqualTo(axons(versioned));
    }

    @Test
    void leavesClassesToAxon() {
        assertThat(resolver.resolveTarget(command(new ClassicCommand("thing-1"))).getIdentifierValue())
                .isEqualTo("thing-1");
    }

    @Test
    void refusesARecordWithoutATargetAsAxonDoes() {
        assertThatThrownBy(() -> resolver.resolveTarget(command(new UnmarkedCommand(UUID.randomUUID()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnmarkedCommand");
    }

    private static VersionedAggregateIdentifier axons(Object payload) {
        return AnnotationCommandTargetResolver.builder().build().resolveTarget(command(payload));
    }

    private static CommandMessage<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }
}
