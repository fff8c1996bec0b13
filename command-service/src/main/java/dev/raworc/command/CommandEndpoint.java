package dev.raworc.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.raworc.platform.ConditionalOnSide;
import dev.raworc.platform.Side;

/**
 * A bean that serves clients of the command side: its endpoints, the seeding and upgrades it owns.
 * A runner-only process handles its own commands but serves none of these.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@ConditionalOnSide(Side.COMMAND)
public @interface CommandEndpoint {
}
