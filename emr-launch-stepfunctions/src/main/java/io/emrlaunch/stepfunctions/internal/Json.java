package io.emrlaunch.stepfunctions.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.json.EmrLaunchJson;

/**
 * This module's mapper, configured as {@link EmrLaunchJson#newMapper()}; never handed out (each
 * module keeps its own: internal packages are not shared across modules).
 */
public final class Json {
  /** The mapper; do not reconfigure. */
  public static final ObjectMapper MAPPER = EmrLaunchJson.newMapper();

  private Json() {}
}
