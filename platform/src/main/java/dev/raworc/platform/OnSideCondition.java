package dev.raworc.platform;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnSideCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Side[] sides = (Side[]) metadata.getAnnotationAttributes(ConditionalOnSide.class.getName()).get("value");
        Set<Side> enabled = Binder.get(context.getEnvironment())
                .bind("raworc.sides", Bindable.setOf(Side.class))
                .orElse(EnumSet.allOf(Side.class));
        return Arrays.stream(sides).anyMatch(enabled::contains);
    }
}
