package dev.raworc.runner.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an event handler's {@code MessagePostedEvent} parameter: the handler takes only tasks (USER
 * messages). Its processor then passes every other message by without a transaction of its own,
 * where it used to open one for each message only to ignore it (see {@link TaskParameterResolverFactory}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface Task {
}
