package io.emrlaunch.stepfunctions.internal;

import io.emrlaunch.core.validation.ValidationException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * This module's Immutables style: the same as core's (the "sandwich": package-private {@code
 * ImmutableX}, public {@code X.Builder}, {@code with*} copies from {@code WithX}; JDK collections;
 * a missing attribute is a {@link ValidationException}). A copy because internal packages are not
 * shared across modules.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    optionalAcceptNullable = true,
    throwForInvalidImmutableState = ValidationException.class,
    defaults = @Value.Immutable(copy = true))
public @interface ValueStyle {}
