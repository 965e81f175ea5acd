package io.emrlaunch.core.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Immutables' marker (recognised by its simple name) for a map or collection attribute whose
 * builder accepts {@code null} values, so that a value type can report them as a typed problem when
 * it is used instead of a {@code NullPointerException} from the builder. Used on {@code
 * LaunchRequest.overrides()}: a null override value is an {@code InvalidOverrideException} naming
 * {@code overrides.<name>}.
 */
@Target({ElementType.METHOD})
@Retention(RetentionPolicy.SOURCE)
public @interface AllowNulls {}
