/**
 * The immutable domain model: {@code EmrProfile} (the security half of a cluster), {@code
 * ClusterConfiguration} (the resource half), steps, Spark jobs and launch functions. Every type has
 * a builder ({@code X.builder()}, {@code x.toBuilder()}), {@code withX} copies and JSON support
 * through {@link io.emrlaunch.core.json.EmrLaunchJson}.
 */
@ValueStyle
package io.emrlaunch.core.model;

import io.emrlaunch.core.internal.ValueStyle;
