/** Implementation of cluster pools; not part of the public API. */
package io.emrlaunch.core.pool.internal;
