package io.emrlaunch.stepfunctions.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.iam.internal.Derivation;
import io.emrlaunch.stepfunctions.iam.internal.ModelWalker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Derives a state machine execution role's least-privilege policy from the definition itself.
 *
 * <p>Every Task state (also inside Parallel branches and Map item processors), every Distributed
 * Map with its ItemReader and ResultWriter is matched against a table of the statements each
 * integration needs, as the Step Functions developer guide lists them. Resources are as narrow as
 * the definition allows: the exact SSM parameter, SNS topic, state machine, EMR cluster when its id
 * is literal; {@code iam:PassRole} only on the roles named (and, with an {@link EmrProfile}, only
 * on the profile's roles); the EventBridge managed rules {@code .sync} needs; ARNs in the partition
 * of the region. Where a target is only known at run time and no documented narrow scope exists,
 * the derivation fails with a problem naming the field path unless the caller {@linkplain
 * Builder#bind binds} the values it may take. No {@code *} is emitted except for actions that
 * support no resource type (such as {@code elasticmapreduce:RunJobFlow}).
 *
 * <pre>{@code
 * DerivedPolicy derived = ExecutionRolePolicy.builder()
 *     .region("us-east-1")
 *     .accountId("123456789012")
 *     .profile(profile)
 *     .bind("Get Cluster Id", "Name", "/emr-launch/clusters/*")
 *     .build()
 *     .derive(definitionJson);
 * Files.writeString(Path.of("policy.json"), derived.policy().toJson());
 * }</pre>
 */
public final class ExecutionRolePolicy {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String region;
  private final String accountId;
  private final EmrProfile profile;
  private final String parameterKey;
  private final String stateMachineName;
  private final Map<String, Map<String, List<String>>> bindings;
  private final Map<String, List<PolicyStatement>> custom;
  private final List<PolicyStatement> extra;
  private final boolean logging;
  private final boolean tracing;

  private ExecutionRolePolicy(Builder b) {
    this.region = b.region;
    this.accountId = b.accountId;
    this.profile = b.profile;
    this.parameterKey = b.parameterKey;
    this.stateMachineName = b.stateMachineName;
    Map<String, Map<String, List<String>>> bs = new TreeMap<>();
    b.bindings.forEach((state, fields) -> bs.put(state, Map.copyOf(fields)));
    this.bindings = Map.copyOf(bs);
    this.custom = Map.copyOf(b.custom);
    this.extra = List.copyOf(b.extra);
    this.logging = b.logging;
    this.tracing = b.tracing;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The region the state machine runs in.
   *
   * @return e.g. {@code us-east-1}
   */
  public String region() {
    return region;
  }

  /**
   * The account the state machine runs in.
   *
   * @return a 12-digit account id
   */
  public String accountId() {
    return accountId;
  }

  /**
   * The partition of {@link #region()}.
   *
   * @return the partition
   */
  public Partition partition() {
    return Partition.ofRegion(region);
  }

  /**
   * The EMR profile whose roles may be passed.
   *
   * @return the profile, if one was given
   */
  public Optional<EmrProfile> profile() {
    return Optional.ofNullable(profile);
  }

  /**
   * Derives the policy from a definition's JSON.
   *
   * @param definitionJson the Amazon States Language definition
   * @return the policy and what was found
   * @throws ValidationException listing every problem (with its field path) when the JSON is
   *     invalid, an integration has no rule, a dynamic target is unbound, an ARN is in another
   *     partition or a role is not the profile's
   */
  public DerivedPolicy derive(String definitionJson) {
    JsonNode node;
    try {
      node = MAPPER.readTree(Objects.requireNonNull(definitionJson, "definitionJson"));
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          List.of(
              io.emrlaunch.core.validation.Problem.of(
                  "", "is not valid JSON: " + e.getOriginalMessage())));
    }
    return derive(node);
  }

  /**
   * Derives the policy from a parsed definition.
   *
   * @param definition the definition as a Jackson tree
   * @return the policy and what was found
   * @throws ValidationException listing every problem, see {@link #derive(String)}
   */
  public DerivedPolicy derive(JsonNode definition) {
    Problems problems = Problems.root();
    Derivation d =
        new Derivation(region, accountId, profile, stateMachineName, bindings, custom, problems);
    d.run(definition);
    return finish(d, problems);
  }

  /**
   * Derives the policy from a typed state machine (as built with the {@code asl} model or parsed by
   * {@link StateMachine#fromJson}).
   *
   * @param machine the state machine
   * @return the policy and what was found
   * @throws ValidationException listing every problem, see {@link #derive(String)}
   */
  public DerivedPolicy derive(StateMachine machine) {
    Problems problems = Problems.root();
    Derivation d =
        new Derivation(region, accountId, profile, stateMachineName, bindings, custom, problems);
    d.run(ModelWalker.walk(Objects.requireNonNull(machine, "machine")));
    return finish(d, problems);
  }

  /** An SSM parameter ARN of a stored profile: {@code ...:parameter<root>/emr_profiles/ns/name}. */
  private static final java.util.regex.Pattern PROFILE_PARAMETER =
      java.util.regex.Pattern.compile(":parameter(?:/[^*]*)?/emr_profiles/([^/*]+)/([^/*]+)");

  /**
   * PassRole is granted on the given profile's roles only when that profile is the one the
   * definition reads: a definition that reads stored profiles ({@code <root>/emr_profiles/ns/name}
   * parameters, as a launch function machine does) must read this profile's record. A definition
   * that reads no profile record (roles written into it) is not restricted by this rule; its roles
   * must still be the profile's.
   */
  private void checkProfileIsTheOneRead(List<PolicyStatement> statements, Problems problems) {
    if (profile == null) {
      return;
    }
    java.util.Set<String> read = new java.util.TreeSet<>();
    for (PolicyStatement st : statements) {
      if (st.actions().stream().noneMatch(a -> a.startsWith("ssm:GetParameter"))) {
        continue;
      }
      for (String resource : st.resources()) {
        java.util.regex.Matcher m = PROFILE_PARAMETER.matcher(resource);
        if (m.find()) {
          read.add(m.group(1) + "/" + m.group(2));
        }
      }
    }
    String mine = profile.namespace() + "/" + profile.name();
    if (!read.isEmpty() && !read.contains(mine)) {
      problems.add(
          "profile",
          "is "
              + mine
              + ", but the definition reads the profile "
              + String.join(", ", read)
              + ": iam:PassRole is granted only on the roles of the profile the definition reads");
    }
  }

  private DerivedPolicy finish(Derivation d, Problems problems) {
    checkProfileIsTheOneRead(d.statements(), problems);
    problems.throwIfAny();
    List<PolicyStatement> all = new ArrayList<>(d.statements());
    if (parameterKey != null
        && d.statements().stream()
            .anyMatch(
                st -> st.actions().stream().anyMatch(x -> x.startsWith("ssm:GetParameter")))) {
      // SecureString records (SsmRecordStore.secureString(keyId)): decrypt through SSM only
      all.add(
          PolicyStatement.allow()
              .actions("kms:Decrypt")
              .resources(parameterKey)
              .condition("StringEquals", "kms:ViaService", "ssm." + region + ".amazonaws.com")
              .build());
    }
    all.addAll(extra);
    if (logging) {
      // CloudWatch Logs vended-log delivery supports no resource-level permissions.
      all.add(
          PolicyStatement.allow()
              .actions(
                  "logs:CreateLogDelivery",
                  "logs:GetLogDelivery",
                  "logs:UpdateLogDelivery",
                  "logs:DeleteLogDelivery",
                  "logs:ListLogDeliveries",
                  "logs:PutResourcePolicy",
                  "logs:DescribeResourcePolicies",
                  "logs:DescribeLogGroups")
              .resources("*")
              .build());
    }
    if (tracing) {
      all.add(
          PolicyStatement.allow()
              .actions(
                  "xray:PutTraceSegments",
                  "xray:PutTelemetryRecords",
                  "xray:GetSamplingRules",
                  "xray:GetSamplingTargets")
              .resources("*")
              .build());
    }
    Map<String, PolicyDocument> assumed = new LinkedHashMap<>();
    d.assumedRoleStatements().forEach((k, v) -> assumed.put(k, PolicyDocument.of(v)));
    return new DerivedPolicy(PolicyDocument.of(all), d.integrations(), assumed);
  }

  /** Builds an {@link ExecutionRolePolicy}. */
  public static final class Builder {
    private String parameterKey;

    /**
     * The customer managed KMS key of the SecureString records the definition reads (records saved
     * with {@code SsmRecordStore.secureString(keyId)}): {@code kms:Decrypt} is granted on it, only
     * through SSM ({@code kms:ViaService}). Not needed for the AWS managed {@code aws/ssm} key.
     *
     * @param kmsKeyArn the key's ARN
     * @return this builder
     */
    public Builder parameterKey(String kmsKeyArn) {
      this.parameterKey = java.util.Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
      return this;
    }

    private String region;
    private String accountId;
    private EmrProfile profile;
    private String stateMachineName;
    private final Map<String, Map<String, List<String>>> bindings = new TreeMap<>();
    private final Map<String, List<PolicyStatement>> custom = new TreeMap<>();
    private final List<PolicyStatement> extra = new ArrayList<>();
    private boolean logging;
    private boolean tracing;

    private Builder() {}

    /**
     * The region the state machine runs in; also decides the partition of every ARN.
     *
     * @param region e.g. {@code us-east-1}, {@code cn-north-1}, {@code us-gov-west-1}
     * @return this
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * The account the state machine runs in.
     *
     * @param accountId 12 digits
     * @return this
     */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /**
     * The EMR profile of the clusters the state machine launches: {@code iam:PassRole} is granted
     * on its service, instance and autoscaling roles only, and role names in the definition must be
     * the profile's.
     *
     * @param profile the profile
     * @return this
     */
    public Builder profile(EmrProfile profile) {
      this.profile = profile;
      return this;
    }

    /**
     * The state machine's own name, needed when it has a Distributed Map (whose child executions
     * are executions of this state machine).
     *
     * @param name the state machine name
     * @return this
     */
    public Builder stateMachineName(String name) {
      this.stateMachineName = name;
      return this;
    }

    /**
     * Declares the values a field only known at run time may take, e.g. the SSM parameter names a
     * {@code "Name.$"} resolves to. IAM wildcards are allowed ({@code /emr-launch/clusters/*}). For
     * an AWS SDK action without a built-in resource rule bind the field {@code Resource} to the IAM
     * resource ARNs; for a Task's {@code Credentials} bind {@code RoleArn}. On a Distributed Map,
     * {@code ItemReader.Bucket} (or {@code ResultWriter.Prefix}, ...) binds only the reader's
     * (writer's) field, a plain {@code Bucket} both. A binding no dynamic field uses is reported as
     * a problem, so stale bindings do not linger.
     *
     * @param stateName the Task (or Map) state
     * @param field the request field without {@code .$}, e.g. {@code Name}, {@code TopicArn}
     * @param values the values (names, ids or ARNs, as the field takes them)
     * @return this
     */
    public Builder bind(String stateName, String field, String... values) {
      bindings
          .computeIfAbsent(stateName, k -> new TreeMap<>())
          .computeIfAbsent(field, k -> new ArrayList<>())
          .addAll(List.of(values));
      return this;
    }

    /**
     * Replaces the derivation for one state by the given statements (for integrations this library
     * has no rule for, such as Athena).
     *
     * @param stateName the state
     * @param statements what it needs
     * @return this
     */
    public Builder custom(String stateName, PolicyStatement... statements) {
      custom.computeIfAbsent(stateName, k -> new ArrayList<>()).addAll(List.of(statements));
      return this;
    }

    /**
     * Adds statements to the policy as they are.
     *
     * @param statements extra statements
     * @return this
     */
    public Builder statement(PolicyStatement... statements) {
      extra.addAll(List.of(statements));
      return this;
    }

    /**
     * Whether the state machine logs to CloudWatch Logs (adds the log-delivery actions).
     *
     * @param logging true to add them
     * @return this
     */
    public Builder logging(boolean logging) {
      this.logging = logging;
      return this;
    }

    /**
     * Whether X-Ray tracing is on (adds the X-Ray actions).
     *
     * @param tracing true to add them
     * @return this
     */
    public Builder tracing(boolean tracing) {
      this.tracing = tracing;
      return this;
    }

    /**
     * Builds the derivation.
     *
     * @return the configured derivation
     * @throws ValidationException when the region or account id is missing or malformed
     */
    public ExecutionRolePolicy build() {
      Problems p = Problems.root();
      if (p.required("region", region)) {
        p.matches("region", region, REGION, "a region code like us-east-1");
      }
      if (p.required("accountId", accountId)) {
        p.matches("accountId", accountId, ACCOUNT, "a 12-digit account id");
      }
      if (stateMachineName != null && !stateMachineName.matches("[A-Za-z0-9_-]{1,80}")) {
        p.add("stateMachineName", "must be 1-80 letters, digits, '-' or '_'");
      }
      bindings.forEach(
          (state, fields) ->
              fields.forEach(
                  (field, values) -> {
                    if (values.isEmpty()
                        || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                      p.add("bindings." + state + "." + field, "needs non-blank values");
                    }
                  }));
      p.throwIfAny();
      return new ExecutionRolePolicy(this);
    }
  }
}
