package io.inkan.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * An end-to-end scenario: a test that runs side by side with the other scenarios of its class, on the
 * class's one running Inkan. (JUnit runs the methods of a per-class-lifecycle class in one thread
 * unless each says otherwise.)
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@Execution(ExecutionMode.CONCURRENT)
@interface Scenario {}
