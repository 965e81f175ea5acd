/** The launcher's engine: SDK mapping, launch tokens, lookups. Not public API. */
package io.emrlaunch.core.launch.internal;
