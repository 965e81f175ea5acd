package io.emrlaunch.stepfunctions.asl.intrinsics;

/** The hash algorithms {@code States.Hash} supports. */
public enum HashAlgorithm {
  /** MD5. */
  MD5("MD5"),
  /** SHA-1. */
  SHA_1("SHA-1"),
  /** SHA-256. */
  SHA_256("SHA-256"),
  /** SHA-384. */
  SHA_384("SHA-384"),
  /** SHA-512. */
  SHA_512("SHA-512");

  private final String aslName;

  HashAlgorithm(String aslName) {
    this.aslName = aslName;
  }

  /**
   * The name as written in the States Language ({@code SHA-256}).
   *
   * @return the name
   */
  public String aslName() {
    return aslName;
  }

  /**
   * Looks an algorithm up by its States Language name (exact, case-sensitive).
   *
   * @param name e.g. {@code SHA-256}
   * @return the algorithm, or null when unsupported
   */
  public static HashAlgorithm fromAslName(String name) {
    for (HashAlgorithm a : values()) {
      if (a.aslName.equals(name)) {
        return a;
      }
    }
    return null;
  }
}
