/** Validators of the model values; not public API. */
package io.emrlaunch.core.model.internal;
