package io.emrlaunch.provisioning;

import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to provision for one profile: its name, the VPC, where logs and artifacts live, the KMS keys
 * the instances use, IAM options, tags and the security configuration.
 *
 * <pre>{@code
 * ProvisioningSpec spec = ProvisioningSpec.builder()
 *     .namespace("team-a").name("analytics")
 *     .vpcId("vpc-0abc")
 *     .logsBucket("team-a-logs").logsPrefix("emr/")
 *     .artifactsBucket("team-a-code").artifactsPrefix("jobs/")
 *     .build();
 * }</pre>
 *
 * <p>Immutable; {@link #toBuilder()} copies. {@link #validate()} reports every problem with its
 * field path.
 */
public final class ProvisioningSpec {
  private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX = Pattern.compile("([^/*?][^*?]*)?");
  private static final Pattern KMS_KEY =
      Pattern.compile("arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\\d{12}:(key|alias)/[A-Za-z0-9/_-]+");
  private static final Pattern POLICY_ARN =
      Pattern.compile("arn:aws(-cn|-us-gov)?:iam::(\\d{12}|aws):policy/[\\w+=,.@/-]+");
  private static final Pattern IAM_PATH = Pattern.compile("/([A-Za-z0-9_.+=,@-]+/)*");
  private static final int LONGEST_SUFFIX = "-AutoScalingRole".length();

  private final String namespace;
  private final String name;
  private final Optional<String> description;
  private final String vpcId;
  private final String logsBucket;
  private final String logsPrefix;
  private final Optional<String> artifactsBucket;
  private final String artifactsPrefix;
  private final List<String> kmsKeyArns;
  private final Optional<String> permissionsBoundaryArn;
  private final String iamPath;
  private final Map<String, String> tags;
  private final boolean glueCatalog;
  private final Optional<SecurityConfiguration> securityConfiguration;
  private final Optional<String> kerberosAttributesSecretArn;

  private ProvisioningSpec(Builder b) {
    this.namespace = b.namespace;
    this.name = b.name;
    this.description = Optional.ofNullable(b.description);
    this.vpcId = b.vpcId;
    this.logsBucket = b.logsBucket;
    this.logsPrefix = b.logsPrefix;
    this.artifactsBucket = Optional.ofNullable(b.artifactsBucket);
    this.artifactsPrefix = b.artifactsPrefix;
    this.kmsKeyArns = List.copyOf(b.kmsKeyArns);
    this.permissionsBoundaryArn = Optional.ofNullable(b.permissionsBoundaryArn);
    this.iamPath = b.iamPath;
    this.tags = Map.copyOf(b.tags);
    this.glueCatalog = b.glueCatalog;
    this.securityConfiguration = Optional.ofNullable(b.securityConfiguration);
    this.kerberosAttributesSecretArn = Optional.ofNullable(b.kerberosAttributesSecretArn);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this spec's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.namespace = namespace;
    b.name = name;
    b.description = description.orElse(null);
    b.vpcId = vpcId;
    b.logsBucket = logsBucket;
    b.logsPrefix = logsPrefix;
    b.artifactsBucket = artifactsBucket.orElse(null);
    b.artifactsPrefix = artifactsPrefix;
    b.kmsKeyArns.addAll(kmsKeyArns);
    b.permissionsBoundaryArn = permissionsBoundaryArn.orElse(null);
    b.iamPath = iamPath;
    b.tags.putAll(tags);
    b.glueCatalog = glueCatalog;
    b.securityConfiguration = securityConfiguration.orElse(null);
    b.kerberosAttributesSecretArn = kerberosAttributesSecretArn.orElse(null);
    return b;
  }

  /** The profile's namespace (default {@value RecordRef#DEFAULT_NAMESPACE}). */
  public String namespace() {
    return namespace;
  }

  /** The profile's name. */
  public String name() {
    return name;
  }

  /** The profile's description. */
  public Optional<String> description() {
    return description;
  }

  /** The VPC the security groups are created in. */
  public String vpcId() {
    return vpcId;
  }

  /** The bucket of cluster logs (instances get read/write under {@link #logsPrefix()}). */
  public String logsBucket() {
    return logsBucket;
  }

  /** The key prefix of cluster logs (default {@code elasticmapreduce/}). */
  public String logsPrefix() {
    return logsPrefix;
  }

  /** The bucket of job artifacts (instances get read-only under {@link #artifactsPrefix()}). */
  public Optional<String> artifactsBucket() {
    return artifactsBucket;
  }

  /** The key prefix of artifacts (default empty: the whole bucket). */
  public String artifactsPrefix() {
    return artifactsPrefix;
  }

  /** KMS keys the instances may use (encrypt, decrypt, data keys). */
  public List<String> kmsKeyArns() {
    return kmsKeyArns;
  }

  /** Permissions boundary set on every role created. */
  public Optional<String> permissionsBoundaryArn() {
    return permissionsBoundaryArn;
  }

  /** IAM path of the roles and the instance profile (default {@code /}). */
  public String iamPath() {
    return iamPath;
  }

  /** Tags put on every role, instance profile and security group (besides the ownership tag). */
  public Map<String, String> tags() {
    return tags;
  }

  /** Whether the instances may read the Glue Data Catalog (the default database). */
  public boolean glueCatalog() {
    return glueCatalog;
  }

  /** The EMR security configuration to create; none when absent. */
  public Optional<SecurityConfiguration> securityConfiguration() {
    return securityConfiguration;
  }

  /** Copied into the saved profile. */
  public Optional<String> kerberosAttributesSecretArn() {
    return kerberosAttributesSecretArn;
  }

  /** The record the profile is saved under. */
  public RecordRef ref() {
    return RecordRef.of(namespace, name);
  }

  /**
   * Every problem with this spec, each with its field path.
   *
   * @return the problems; empty when valid
   */
  public List<Problem> validationProblems() {
    Problems p = Problems.root();
    if (p.required("namespace", namespace)) {
      p.ssmSafeName("namespace", namespace, 64);
    }
    if (p.required("name", name)) {
      p.ssmSafeName("name", name, 64);
    }
    if (namespace != null && name != null) {
      int length = namespace.length() + 1 + name.length() + LONGEST_SUFFIX;
      if (length > 64) {
        p.add(
            "name",
            "namespace + '_' + name + '-AutoScalingRole' is "
                + length
                + " characters; IAM role names allow 64");
      }
    }
    if (p.required("vpcId", vpcId)) {
      p.matches("vpcId", vpcId, VPC, "an id like vpc-0123456789abcdef0");
    }
    if (p.required("logsBucket", logsBucket)) {
      p.matches("logsBucket", logsBucket, BUCKET, "an S3 bucket name");
    }
    p.matches("logsPrefix", logsPrefix, PREFIX, "a key prefix without leading '/', '*' or '?'");
    artifactsBucket.ifPresent(b -> p.matches("artifactsBucket", b, BUCKET, "an S3 bucket name"));
    p.matches(
        "artifactsPrefix", artifactsPrefix, PREFIX, "a key prefix without leading '/', '*' or '?'");
    for (int i = 0; i < kmsKeyArns.size(); i++) {
      if (!KMS_KEY.matcher(kmsKeyArns.get(i)).matches()) {
        p.at("kmsKeyArns", i).add("must be a KMS key or alias ARN");
      }
    }
    permissionsBoundaryArn.ifPresent(
        b -> p.matches("permissionsBoundaryArn", b, POLICY_ARN, "an IAM policy ARN"));
    if (iamPath.length() > 512 || !IAM_PATH.matcher(iamPath).matches()) {
      p.add("iamPath", "must start and end with '/' (e.g. /emr/), at most 512 characters");
    }
    if (tags.size() > 40) {
      p.add("tags", "at most 40 tags (IAM allows 50, and provisioning adds its own)");
    }
    tags.forEach(
        (k, v) -> {
          if (k.isEmpty() || k.length() > 128 || k.toLowerCase().startsWith("aws:")) {
            p.at("tags").add(k, "tag keys are 1-128 characters and must not start with aws:");
          } else if (k.equals(ProfileProvisioner.OWNER_TAG)
              || k.equals(ProfileProvisioner.EMR_MANAGED_POLICY_TAG)) {
            p.at("tags").add(k, "is set by provisioning itself");
          } else if (v.length() > 256) {
            p.at("tags").add(k, "tag values are at most 256 characters");
          }
        });
    securityConfiguration.ifPresent(
        sc -> {
          Problems at = p.at("securityConfiguration");
          for (Problem problem : sc.validationProblems()) {
            at.add(problem.path(), problem.message());
          }
        });
    return p.problems();
  }

  /**
   * Checks the whole spec.
   *
   * @throws ValidationException listing every problem
   */
  public void validate() {
    List<Problem> problems = validationProblems();
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProvisioningSpec s)) {
      return false;
    }
    return glueCatalog == s.glueCatalog
        && Objects.equals(namespace, s.namespace)
        && Objects.equals(name, s.name)
        && description.equals(s.description)
        && Objects.equals(vpcId, s.vpcId)
        && Objects.equals(logsBucket, s.logsBucket)
        && logsPrefix.equals(s.logsPrefix)
        && artifactsBucket.equals(s.artifactsBucket)
        && artifactsPrefix.equals(s.artifactsPrefix)
        && kmsKeyArns.equals(s.kmsKeyArns)
        && permissionsBoundaryArn.equals(s.permissionsBoundaryArn)
        && iamPath.equals(s.iamPath)
        && tags.equals(s.tags)
        && securityConfiguration.equals(s.securityConfiguration)
        && kerberosAttributesSecretArn.equals(s.kerberosAttributesSecretArn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name, vpcId, logsBucket, logsPrefix, artifactsBucket, tags);
  }

  @Override
  public String toString() {
    return "ProvisioningSpec[" + namespace + "/" + name + ", vpc=" + vpcId + "]";
  }

  /** Builds a {@link ProvisioningSpec}. */
  public static final class Builder {
    private String namespace = RecordRef.DEFAULT_NAMESPACE;
    private String name;
    private String description;
    private String vpcId;
    private String logsBucket;
    private String logsPrefix = "elasticmapreduce/";
    private String artifactsBucket;
    private String artifactsPrefix = "";
    private final List<String> kmsKeyArns = new ArrayList<>();
    private String permissionsBoundaryArn;
    private String iamPath = "/";
    private final Map<String, String> tags = new LinkedHashMap<>();
    private boolean glueCatalog;
    private SecurityConfiguration securityConfiguration;
    private String kerberosAttributesSecretArn;

    private Builder() {}

    /** The profile's namespace. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** The profile's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The profile's description. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** The VPC of the security groups. */
    public Builder vpcId(String vpcId) {
      this.vpcId = vpcId;
      return this;
    }

    /** The logs bucket. */
    public Builder logsBucket(String logsBucket) {
      this.logsBucket = logsBucket;
      return this;
    }

    /** The logs key prefix. */
    public Builder logsPrefix(String logsPrefix) {
      this.logsPrefix = Objects.requireNonNull(logsPrefix, "logsPrefix");
      return this;
    }

    /** The artifacts bucket. */
    public Builder artifactsBucket(String artifactsBucket) {
      this.artifactsBucket = artifactsBucket;
      return this;
    }

    /** The artifacts key prefix. */
    public Builder artifactsPrefix(String artifactsPrefix) {
      this.artifactsPrefix = Objects.requireNonNull(artifactsPrefix, "artifactsPrefix");
      return this;
    }

    /** Adds a KMS key ARN. */
    public Builder addKmsKeyArn(String arn) {
      this.kmsKeyArns.add(Objects.requireNonNull(arn, "arn"));
      return this;
    }

    /** Replaces the KMS key ARNs. */
    public Builder kmsKeyArns(Collection<String> arns) {
      this.kmsKeyArns.clear();
      arns.forEach(this::addKmsKeyArn);
      return this;
    }

    /** The permissions boundary of the roles. */
    public Builder permissionsBoundaryArn(String arn) {
      this.permissionsBoundaryArn = arn;
      return this;
    }

    /** The IAM path of the roles and instance profile. */
    public Builder iamPath(String iamPath) {
      this.iamPath = Objects.requireNonNull(iamPath, "iamPath");
      return this;
    }

    /** Adds a tag. */
    public Builder putTag(String key, String value) {
      this.tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Replaces the tags. */
    public Builder tags(Map<String, String> tags) {
      this.tags.clear();
      tags.forEach(this::putTag);
      return this;
    }

    /** Whether the instances may read the Glue Data Catalog. */
    public Builder glueCatalog(boolean glueCatalog) {
      this.glueCatalog = glueCatalog;
      return this;
    }

    /** The EMR security configuration. */
    public Builder securityConfiguration(SecurityConfiguration securityConfiguration) {
      this.securityConfiguration = securityConfiguration;
      return this;
    }

    /** The Kerberos attributes secret copied into the profile. */
    public Builder kerberosAttributesSecretArn(String arn) {
      this.kerberosAttributesSecretArn = arn;
      return this;
    }

    /**
     * The spec (not validated: {@link ProfileProvisioner} validates before any AWS call).
     *
     * @return the spec
     */
    public ProvisioningSpec build() {
      return new ProvisioningSpec(this);
    }
  }
}
