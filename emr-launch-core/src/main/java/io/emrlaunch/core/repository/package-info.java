/**
 * The ports through which profiles, cluster configurations and launch functions are stored and
 * shared between teams, keyed by {@code (namespace, name)}. Core defines the contracts and their
 * typed errors only; {@code emr-launch-ssm} implements them on SSM Parameter Store, and tests can
 * implement them in memory.
 *
 * <p>Every operation is asynchronous ({@link java.util.concurrent.CompletableFuture}); {@link
 * io.emrlaunch.core.repository.RecordRepository#blocking()} gives the blocking form. Failed futures
 * complete with the exceptions of this package ({@link
 * io.emrlaunch.core.repository.RecordNotFoundException}, {@link
 * io.emrlaunch.core.repository.RecordConflictException}, ...) or with a {@link
 * io.emrlaunch.core.validation.ValidationException} for invalid names and values.
 */
@ValueStyle
package io.emrlaunch.core.repository;

import io.emrlaunch.core.internal.ValueStyle;
