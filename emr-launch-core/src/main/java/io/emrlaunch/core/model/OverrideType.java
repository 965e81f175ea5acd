package io.emrlaunch.core.model;

/** The value type an {@link AllowedOverride} accepts at run time. */
public enum OverrideType {
  /** Any JSON string (further limited by allowed values, if any). */
  STRING,
  /** A whole number (JSON integer, or a decimal with no fraction). */
  INTEGER,
  /** Any JSON number. */
  NUMBER,
  /** {@code true} or {@code false}. */
  BOOLEAN
}
