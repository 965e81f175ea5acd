package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.RecordTooLargeException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.ssm.model.ParameterTier;

/**
 * Picks the cheapest SSM tier a value fits: Standard up to 4 KB (free), Advanced up to 8 KB (billed
 * per parameter), and refuses anything larger before it is sent. Sizes are counted in UTF-8 bytes,
 * the stricter reading of SSM's "4 KB" so a value never passes here and fails there.
 */
public final class Tiers {
  /** Standard tier value limit. */
  public static final int STANDARD_LIMIT = 4096;

  /** Advanced tier value limit. */
  public static final int ADVANCED_LIMIT = 8192;

  private Tiers() {}

  /**
   * The tier for a value.
   *
   * @throws RecordTooLargeException when over {@link #ADVANCED_LIMIT}
   */
  public static ParameterTier tierFor(RecordKind<?> kind, RecordRef ref, String value) {
    int size = value.getBytes(StandardCharsets.UTF_8).length;
    if (size <= STANDARD_LIMIT) {
      return ParameterTier.STANDARD;
    }
    if (size <= ADVANCED_LIMIT) {
      return ParameterTier.ADVANCED;
    }
    throw new RecordTooLargeException(kind, ref, size, ADVANCED_LIMIT);
  }
}
