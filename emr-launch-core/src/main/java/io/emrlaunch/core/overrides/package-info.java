/**
 * Named, allow-listed runtime overrides of a {@link io.emrlaunch.core.model.ClusterConfiguration}:
 * callers ask for {@code CoreInstanceCount = 10}, never for a raw field path. See {@link
 * io.emrlaunch.core.overrides.Overrides}.
 */
package io.emrlaunch.core.overrides;
