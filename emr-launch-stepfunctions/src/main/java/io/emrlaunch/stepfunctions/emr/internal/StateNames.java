package io.emrlaunch.stepfunctions.emr.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * State names derived from step names. Step Functions allows 80 characters; a step's states add
 * suffixes of up to 25 ({@code " - Merge StepArgOverrides"}), so a longer step name is cut and made
 * unique again with a short hash of the full name.
 */
public final class StateNames {
  /** The longest base name kept as is. */
  public static final int MAX_BASE = 55;

  private StateNames() {}

  /** The base of the state names of a step. */
  public static String base(String name) {
    if (name.length() <= MAX_BASE) {
      return name;
    }
    return name.substring(0, MAX_BASE - 7) + "~" + shortHash(name);
  }

  private static String shortHash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
