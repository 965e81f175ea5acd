package io.emrlaunch.ssm;

import java.util.Objects;

/**
 * Where records live in SSM Parameter Store. The default layout is aws-emr-launch's, so records
 * deployed by the Python library are found here and the other way round:
 *
 * <pre>
 * /emr_launch/emr_profiles/{namespace}/{name}
 * /emr_launch/cluster_configurations/{namespace}/{name}
 * /emr_launch/emr_launch_functions/{namespace}/{name}
 * </pre>
 *
 * A different root (for example {@code /platform/emr}) keeps several independent installations in
 * one account.
 */
public final class ParameterLayout {
  /** aws-emr-launch's root. */
  public static final String DEFAULT_ROOT = "/emr_launch";

  private static final ParameterLayout DEFAULT = new ParameterLayout(DEFAULT_ROOT);

  private final String root;

  private ParameterLayout(String root) {
    this.root = root;
  }

  /**
   * The aws-emr-launch layout under {@value #DEFAULT_ROOT}.
   *
   * @return the default layout
   */
  public static ParameterLayout defaultLayout() {
    return DEFAULT;
  }

  /**
   * A layout under another root.
   *
   * @param root an absolute SSM path such as {@code /platform/emr}; a trailing slash is ignored
   * @return the layout
   * @throws IllegalArgumentException when the root is not an absolute path
   */
  public static ParameterLayout withRoot(String root) {
    Objects.requireNonNull(root, "root");
    String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    if (!r.startsWith("/") || r.length() < 2 || r.contains("//")) {
      throw new IllegalArgumentException(
          "root must be an absolute SSM path like /emr_launch: " + root);
    }
    return new ParameterLayout(r);
  }

  /**
   * The root path, without a trailing slash.
   *
   * @return the root
   */
  public String root() {
    return root;
  }

  /**
   * The folder of one kind of record within a namespace, with a trailing slash, as used by {@code
   * GetParametersByPath}.
   *
   * @param kind the record kind
   * @param namespace the namespace
   * @return e.g. {@code /emr_launch/emr_profiles/default/}
   */
  public String folder(RecordKind kind, String namespace) {
    return root + "/" + kind.segment() + "/" + namespace + "/";
  }

  /**
   * The parameter name of one record.
   *
   * @param kind the record kind
   * @param namespace the namespace
   * @param name the record name
   * @return e.g. {@code /emr_launch/emr_profiles/default/analytics}
   */
  public String parameterName(RecordKind kind, String namespace, String name) {
    return folder(kind, namespace) + name;
  }

  /** The kinds of record stored, each with aws-emr-launch's folder name. */
  public enum RecordKind {
    /** Security halves: {@code emr_profiles}. */
    PROFILE("emr_profiles"),
    /** Resource halves: {@code cluster_configurations}. */
    CONFIGURATION("cluster_configurations"),
    /** Launch functions: {@code emr_launch_functions}. */
    LAUNCH_FUNCTION("emr_launch_functions");

    private final String segment;

    RecordKind(String segment) {
      this.segment = segment;
    }

    /**
     * The folder name under the root.
     *
     * @return e.g. {@code emr_profiles}
     */
    public String segment() {
      return segment;
    }
  }
}
