package dev.raworc.platform.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what an endpoint needs. Before the handler runs, the caller must hold {@code verb} on
 * {@code resource} for the request's target, which the resource's {@link TargetResolver} finds
 * from the path. A {@code list} endpoint receives the caller's {@link ListScope} as an argument.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Documented
public @interface RequiresPermission {

    Resource resource();

    Verb verb();

    /**
     * The target is known only to the handler (the space of a create is in the body, say): the
     * interceptor checks that the caller holds the verb somewhere, and the handler must check
     * the target itself with {@link CallerPermissions#require}.
     */
    boolean checkedByHandler() default false;
}
