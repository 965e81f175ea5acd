package io.emrlaunch.stepfunctions.iam;

import java.util.Locale;
import java.util.Objects;

/**
 * An AWS partition: the first field of every ARN. Derived from the region so that generated ARNs
 * are right in the China and GovCloud regions too.
 */
public enum Partition {
  /** Commercial regions. */
  AWS("aws"),
  /** China (Beijing, Ningxia). */
  AWS_CN("aws-cn"),
  /** AWS GovCloud (US). */
  AWS_US_GOV("aws-us-gov"),
  /** US ISO regions. */
  AWS_ISO("aws-iso"),
  /** US ISOB regions. */
  AWS_ISO_B("aws-iso-b"),
  /** EU ISOE regions. */
  AWS_ISO_E("aws-iso-e"),
  /** US ISOF regions. */
  AWS_ISO_F("aws-iso-f");

  private final String id;

  Partition(String id) {
    this.id = id;
  }

  /**
   * The partition as written in ARNs.
   *
   * @return e.g. {@code aws-cn}
   */
  public String id() {
    return id;
  }

  /**
   * The partition a region belongs to.
   *
   * @param region a region code such as {@code us-east-1}, {@code cn-north-1} or {@code
   *     us-gov-west-1}
   * @return the partition
   */
  public static Partition ofRegion(String region) {
    String r = Objects.requireNonNull(region, "region").toLowerCase(Locale.ROOT);
    // Order matters: "us-isob-" must be tested before "us-iso-".
    if (r.startsWith("cn-")) {
      return AWS_CN;
    } else if (r.startsWith("us-gov-")) {
      return AWS_US_GOV;
    } else if (r.startsWith("us-isob-")) {
      return AWS_ISO_B;
    } else if (r.startsWith("us-isof-")) {
      return AWS_ISO_F;
    } else if (r.startsWith("us-iso-")) {
      return AWS_ISO;
    } else if (r.startsWith("eu-isoe-")) {
      return AWS_ISO_E;
    }
    return AWS;
  }

  /**
   * The partition written in an ARN.
   *
   * @param id e.g. {@code aws-us-gov}
   * @return the partition, or {@code null} when {@code id} names none
   */
  public static Partition ofId(String id) {
    for (Partition p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return id;
  }
}
