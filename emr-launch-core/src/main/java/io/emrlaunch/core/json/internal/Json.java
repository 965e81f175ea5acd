package io.emrlaunch.core.json.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.json.EmrLaunchJson;

/** Core's own mapper, configured as {@link EmrLaunchJson#newMapper()}; never handed out. */
public final class Json {
  /** The mapper; do not reconfigure. */
  public static final ObjectMapper MAPPER = EmrLaunchJson.newMapper();

  private Json() {}
}
