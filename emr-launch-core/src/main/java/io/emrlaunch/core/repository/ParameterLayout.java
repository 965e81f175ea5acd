package io.emrlaunch.core.repository;

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

  /**
   * Longest root accepted, so that root, kind folder, namespace and name (128 characters each) stay
   * within SSM's 1011-character name limit including the ARN prefix.
   */
  public static final int MAX_ROOT_LENGTH = 500;

  /**
   * Most levels a root may have: SSM allows 15 levels and a record's write lock adds four ({@code
   * _locks/<folder>/<namespace>/<name>}).
   */
  public static final int MAX_ROOT_LEVELS = 11;

  private static final java.util.regex.Pattern ROOT =
      java.util.regex.Pattern.compile("(/[a-zA-Z0-9_.\\-]+)+");

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
    String lower = r.toLowerCase(java.util.Locale.ROOT);
    if (!ROOT.matcher(r).matches()
        || lower.startsWith("/aws")
        || lower.startsWith("/ssm")
        || r.length() > MAX_ROOT_LENGTH
        || r.chars().filter(c -> c == '/').count() > MAX_ROOT_LEVELS) {
      throw new IllegalArgumentException(
          "root must be an absolute SSM path like /emr_launch (segments of letters, digits, '_',"
              + " '.', '-'; at most "
              + MAX_ROOT_LEVELS
              + " levels and "
              + MAX_ROOT_LENGTH
              + " characters; not under /aws or /ssm): "
              + root);
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
   * The folder holding every namespace of one kind of record, without a trailing slash.
   *
   * @param kind the record kind
   * @return e.g. {@code /emr_launch/emr_profiles}
   */
  public String kindFolder(RecordKind<?> kind) {
    return root + "/" + segment(kind);
  }

  /**
   * The folder of one kind of record within a namespace, with a trailing slash, as used by {@code
   * GetParametersByPath}.
   *
   * @param kind the record kind
   * @param namespace the namespace
   * @return e.g. {@code /emr_launch/emr_profiles/default/}
   */
  public String folder(RecordKind<?> kind, String namespace) {
    return kindFolder(kind) + "/" + namespace + "/";
  }

  /**
   * The parameter name of one record.
   *
   * @param kind the record kind
   * @param namespace the namespace
   * @param name the record name
   * @return e.g. {@code /emr_launch/emr_profiles/default/analytics}
   */
  public String parameterName(RecordKind<?> kind, String namespace, String name) {
    return folder(kind, namespace) + name;
  }

  /**
   * The short-lived parameter a versioned save holds while it checks and writes a record (see
   * {@link SsmRecordStore}); outside the kind folders, so listings never see it.
   *
   * @param kind the record kind
   * @param namespace the namespace
   * @param name the record name
   * @return e.g. {@code /emr_launch/_locks/emr_profiles/default/analytics}
   */
  public String lockName(RecordKind<?> kind, String namespace, String name) {
    return root + "/_locks/" + segment(kind) + "/" + namespace + "/" + name;
  }

  /**
   * aws-emr-launch's folder name of a kind.
   *
   * @param kind the record kind
   * @return {@code emr_profiles}, {@code cluster_configurations} or {@code emr_launch_functions}
   */
  public static String segment(RecordKind<?> kind) {
    if (kind == RecordKind.PROFILE) {
      return "emr_profiles";
    }
    if (kind == RecordKind.CONFIGURATION) {
      return "cluster_configurations";
    }
    return "emr_launch_functions";
  }
}
