package io.emrlaunch.stepfunctions.asl;

/** The language a state uses to read and shape data. */
public enum QueryLanguage {
  /** JSONPath paths, Parameters and intrinsic functions (the default). */
  JSONPATH("JSONPath"),
  /** JSONata expressions written as <code>{% ... %}</code>, Arguments and Output. */
  JSONATA("JSONata");

  private final String aslName;

  QueryLanguage(String aslName) {
    this.aslName = aslName;
  }

  /**
   * The name as written in a definition.
   *
   * @return {@code JSONPath} or {@code JSONata}
   */
  public String aslName() {
    return aslName;
  }

  /**
   * Looks a language up by its exact name.
   *
   * @param name {@code JSONPath} or {@code JSONata}
   * @return the language, or null when unknown
   */
  public static QueryLanguage fromAslName(String name) {
    for (QueryLanguage q : values()) {
      if (q.aslName.equals(name)) {
        return q;
      }
    }
    return null;
  }
}
