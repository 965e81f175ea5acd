package io.emrlaunch.core.internal;

import io.emrlaunch.core.validation.ValidationException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this library's value types. Annotate a package ({@code
 * package-info.java}) or a type with it.
 *
 * <ul>
 *   <li>the "sandwich": the generated {@code ImmutableX} is package-private; users see only the
 *       abstract type {@code X}, its nested {@code X.Builder} (which extends the generated
 *       builder), {@code X.builder()}, {@code x.toBuilder()} and the {@code withY} copies {@code X}
 *       inherits from the generated {@code WithX}, so no public signature names a generated type;
 *   <li>JDK collections only (no Guava at run time);
 *   <li>a builder missing required attributes throws our {@link ValidationException} naming them,
 *       never Immutables' {@code IllegalStateException};
 *   <li>{@code Optional} setters accept {@code null} as "absent".
 * </ul>
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
