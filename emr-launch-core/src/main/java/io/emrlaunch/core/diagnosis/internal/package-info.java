/** How diagnoses are made: the log parser (pure) and the bounded S3 log reader. Not public API. */
package io.emrlaunch.core.diagnosis.internal;
