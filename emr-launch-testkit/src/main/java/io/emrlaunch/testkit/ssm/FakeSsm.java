package io.emrlaunch.testkit.ssm;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterResponse;
import software.amazon.awssdk.services.ssm.model.DeleteParametersRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionRequest;
import software.amazon.awssdk.services.ssm.model.LabelParameterVersionResponse;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.UnlabelParameterVersionRequest;
import software.amazon.awssdk.services.ssm.model.UnlabelParameterVersionResponse;

/**
 * An in-memory SSM Parameter Store for tests.
 *
 * <p>Each public operation mirrors the {@code SsmClient} method of the same name: it takes the SDK
 * request, returns the SDK response and throws the SDK's modelled exceptions with the error codes
 * the real service uses. Unlike moto, it enforces the service limits that bite in production: value
 * size per tier (4096 characters Standard, 8192 Advanced, Intelligent-Tiering promotes to
 * Advanced), no downgrade from Advanced, name rules (characters, reserved {@code aws}/{@code ssm}
 * prefixes, 1011 characters including the ARN prefix, 15 hierarchy levels), 100 retained versions
 * (a labelled oldest version blocks the 101st put), 10 labels per version, page sizes and the
 * account's parameter quotas.
 *
 * <p>SecureString values are returned in clear only with {@code WithDecryption}; otherwise the
 * value is an opaque Base64 token standing in for the KMS ciphertext. Times come from the {@link
 * Clock} given at construction, so the store runs in virtual time. Instances are thread-safe.
 */
public final class FakeSsm {
  private static final String DEFAULT_KEY = "alias/aws/ssm";
  private static final Set<String> TYPES = Set.of("String", "StringList", "SecureString");
  private static final Set<String> DATA_TYPES =
      Set.of("text", "aws:ec2:image", "aws:ssm:integration");
  private static final Pattern KEY_ID =
      Pattern.compile(
          "alias/[a-zA-Z0-9/_-]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
              + "|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-fA-F-]{36}|alias/[a-zA-Z0-9/_-]+)"
              + "|mrk-[0-9a-f]{32}");

  private final Clock clock;
  private final String region;
  private final String accountId;
  private final String defaultTier;
  private final int standardLimit;
  private final int advancedLimit;
  private final Set<String> knownKeys;
  private final TreeMap<String, StoredParameter> parameters = new TreeMap<>();

  /** A store in {@code us-east-1}, account {@code 123456789012}, with the default limits. */
  public FakeSsm(Clock clock) {
    this(builder().clock(clock));
  }

  private FakeSsm(Builder b) {
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.region = b.region;
    this.accountId = b.accountId;
    this.defaultTier = b.defaultTier;
    this.standardLimit = b.standardLimit;
    this.advancedLimit = b.advancedLimit;
    this.knownKeys = b.knownKeys == null ? null : Set.copyOf(b.knownKeys);
  }

  /** A builder for a store with a non-default region, account, quotas or KMS keys. */
  public static Builder builder() {
    return new Builder();
  }

  /** The region that appears in parameter ARNs. */
  public String region() {
    return region;
  }

  /** The account that appears in parameter ARNs. */
  public String accountId() {
    return accountId;
  }

  /** How many parameters the store holds. */
  public synchronized int size() {
    return parameters.size();
  }

  /** Removes every parameter (as moto's reset does). */
  public synchronized void reset() {
    parameters.clear();
  }

  /** Creates a parameter or, with {@code Overwrite}, adds a new version of it. */
  public synchronized PutParameterResponse putParameter(PutParameterRequest r) {
    String name = SsmRules.checkNameForWrite(r.name(), arnPrefix());
    String value = r.value();
    if (value == null || value.isEmpty()) {
      throw SsmErrors.constraint(
          "value", "", "Member must have length greater than or equal to 1.");
    }
    boolean overwrite = Boolean.TRUE.equals(r.overwrite());
    if (overwrite && r.hasTags() && !r.tags().isEmpty()) {
      throw SsmErrors.validation(
          "Invalid request: tags and overwrite can't be used together. To create a parameter with"
              + " tags, please remove overwrite flag. To update tags for an existing parameter,"
              + " please use AddTagsToResource or RemoveTagsFromResource.");
    }
    if (r.description() != null && r.description().length() > SsmRules.MAX_DESCRIPTION) {
      throw SsmErrors.constraint(
          "description", r.description(), "Member must have length less than or equal to 1024");
    }
    StoredParameter existing = parameters.get(SsmRules.key(name));
    if (existing != null && !overwrite) {
      throw SsmErrors.alreadyExists();
    }
    StoredParameter.Version previous = existing == null ? null : existing.latest();

    String type = r.typeAsString();
    if (type == null) {
      if (previous == null) {
        throw SsmErrors.validation("A parameter type is required when you create a parameter.");
      }
      type = previous.type();
    } else if (!TYPES.contains(type)) {
      throw SsmErrors.constraint(
          "type", type, "Member must satisfy enum value set: [SecureString, StringList, String]");
    }
    String dataType =
        r.dataType() != null ? r.dataType() : previous != null ? previous.dataType() : "text";
    if (!DATA_TYPES.contains(dataType)) {
      throw SsmErrors.validation(
          "The following data type is not supported: "
              + dataType
              + " (Data type names are all lowercase.)");
    }
    String keyId = resolveKeyId(type, r.keyId(), previous);
    String pattern =
        r.allowedPattern() != null
            ? r.allowedPattern()
            : previous == null ? null : previous.allowedPattern();
    checkAllowedPattern(pattern, value);
    String policies =
        r.policies() != null ? r.policies() : previous == null ? null : previous.policies();
    String tier = resolveTier(r.tierAsString(), value, policies, previous);
    checkTags(r.hasTags() ? r.tags() : List.of());
    checkQuota(tier, previous);

    StoredParameter target = existing != null ? existing : new StoredParameter();
    long number = previous == null ? 1 : previous.number() + 1;
    if (target.versions.size() >= SsmRules.MAX_VERSIONS) {
      StoredParameter.Version oldest = target.versions.get(0);
      if (!target.labelsOf(oldest.number()).isEmpty()) {
        throw SsmErrors.maxVersions(name, oldest.number());
      }
      target.versions.remove(0);
    }
    String storedName = previous == null ? name : previous.name();
    target.versions.add(
        new StoredParameter.Version(
            number,
            storedName,
            type,
            value,
            r.description() != null
                ? r.description()
                : previous == null ? null : previous.description(),
            keyId,
            pattern,
            tier,
            policies,
            dataType,
            clock.instant()));
    if (existing == null) {
      for (Tag t : r.hasTags() ? r.tags() : List.<Tag>of()) {
        target.tags.put(t.key(), t.value());
      }
      parameters.put(SsmRules.key(name), target);
    }
    return PutParameterResponse.builder().version(number).tier(tier).build();
  }

  /** Reads the latest version, or the one a {@code name:version} / {@code name:label} selects. */
  public synchronized GetParameterResponse getParameter(GetParameterRequest r) {
    return GetParameterResponse.builder()
        .parameter(resolve(r.name(), Boolean.TRUE.equals(r.withDecryption())))
        .build();
  }

  /** Reads up to 10 parameters; names that don't resolve are listed in InvalidParameters. */
  public synchronized GetParametersResponse getParameters(GetParametersRequest r) {
    List<String> names = r.hasNames() ? r.names() : List.of();
    if (names.isEmpty()) {
      throw SsmErrors.constraint(
          "names", "[]", "Member must have length greater than or equal to 1");
    }
    if (names.size() > 10) {
      throw SsmErrors.constraint(
          "names", names, "Member must have length less than or equal to 10");
    }
    List<Parameter> found = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      try {
        found.add(resolve(name, Boolean.TRUE.equals(r.withDecryption())));
      } catch (ParameterNotFoundException | ParameterVersionNotFoundException e) {
        invalid.add(name);
      }
    }
    return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
  }

  /** Lists the parameters under a path, one level or recursively, a page at a time. */
  public synchronized GetParametersByPathResponse getParametersByPath(
      GetParametersByPathRequest r) {
    String path = SsmRules.checkPath(r.path());
    int max = pageSize(r.maxResults(), 10);
    List<ParameterStringFilter> filters =
        r.hasParameterFilters() ? r.parameterFilters() : List.of();
    checkByPathFilters(filters);
    boolean recursive = Boolean.TRUE.equals(r.recursive());
    boolean decrypt = Boolean.TRUE.equals(r.withDecryption());
    String after = decodeToken(r.nextToken(), "p");
    String prefix = path.equals("/") ? "/" : path + "/";

    List<Parameter> page = new ArrayList<>();
    String last = null;
    boolean more = false;
    Map<String, StoredParameter> candidates =
        after == null ? parameters : parameters.tailMap(after, false);
    for (Map.Entry<String, StoredParameter> e : candidates.entrySet()) {
      String full = e.getKey().startsWith("/") ? e.getKey() : "/" + e.getKey();
      if (!full.startsWith(prefix)) {
        continue;
      }
      if (!recursive && full.indexOf('/', prefix.length()) >= 0) {
        continue;
      }
      StoredParameter.Version v = matchFilters(e.getValue(), filters);
      if (v == null) {
        continue;
      }
      if (page.size() == max) {
        more = true;
        break;
      }
      page.add(toParameter(v, null, decrypt));
      last = e.getKey();
    }
    return GetParametersByPathResponse.builder()
        .parameters(page)
        .nextToken(more ? encodeToken("p", last) : null)
        .build();
  }

  /** Lists the retained versions of a parameter, oldest first, with their labels. */
  public synchronized GetParameterHistoryResponse getParameterHistory(
      GetParameterHistoryRequest r) {
    StoredParameter p = find(r.name());
    int max = pageSize(r.maxResults(), 50);
    String after = decodeToken(r.nextToken(), "h");
    long afterVersion;
    try {
      afterVersion = after == null ? 0 : Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw SsmErrors.invalidNextToken();
    }
    boolean decrypt = Boolean.TRUE.equals(r.withDecryption());
    List<ParameterHistory> page = new ArrayList<>();
    boolean more = false;
    long last = afterVersion;
    for (StoredParameter.Version v : p.versions) {
      if (v.number() <= afterVersion) {
        continue;
      }
      if (page.size() == max) {
        more = true;
        break;
      }
      page.add(
          ParameterHistory.builder()
              .name(v.name())
              .type(v.type())
              .keyId(v.keyId())
              .lastModifiedDate(v.lastModified())
              .lastModifiedUser("arn:aws:iam::" + accountId + ":user/emr-launch-testkit")
              .description(v.description())
              .value(shownValue(v, decrypt))
              .allowedPattern(v.allowedPattern())
              .version(v.number())
              .labels(p.labelsOf(v.number()))
              .tier(v.tier())
              .dataType(v.dataType())
              .build());
      last = v.number();
    }
    return GetParameterHistoryResponse.builder()
        .parameters(page)
        .nextToken(more ? encodeToken("h", Long.toString(last)) : null)
        .build();
  }

  /** Deletes a parameter with all its versions. */
  public synchronized DeleteParameterResponse deleteParameter(DeleteParameterRequest r) {
    String name = r.name() == null ? "" : r.name().strip();
    if (parameters.remove(SsmRules.key(name)) == null) {
      throw SsmErrors.notFound(name);
    }
    return DeleteParameterResponse.builder().build();
  }

  /** Deletes up to 10 parameters; names that don't exist are listed in InvalidParameters. */
  public synchronized DeleteParametersResponse deleteParameters(DeleteParametersRequest r) {
    List<String> names = r.hasNames() ? r.names() : List.of();
    if (names.isEmpty() || names.size() > 10) {
      throw SsmErrors.constraint(
          "names",
          names,
          "Member must have length less than or equal to 10, Member must have length greater than"
              + " or equal to 1");
    }
    List<String> deleted = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      if (parameters.remove(SsmRules.key(name.strip())) != null) {
        deleted.add(name);
      } else {
        invalid.add(name);
      }
    }
    return DeleteParametersResponse.builder()
        .deletedParameters(deleted)
        .invalidParameters(invalid)
        .build();
  }

  /**
   * Attaches labels to a version (the latest when none is given), moving them from other versions.
   * Labels that break the label rules are returned in InvalidLabels and not attached.
   */
  public synchronized LabelParameterVersionResponse labelParameterVersion(
      LabelParameterVersionRequest r) {
    List<String> labels = r.hasLabels() ? r.labels() : List.of();
    if (labels.isEmpty() || labels.size() > SsmRules.MAX_LABELS_PER_VERSION) {
      throw SsmErrors.constraint(
          "labels",
          labels,
          "Member must have length less than or equal to 10, Member must have length greater than"
              + " or equal to 1");
    }
    for (String label : labels) {
      if (label != null && label.length() > SsmRules.MAX_LABEL_LENGTH) {
        throw SsmErrors.constraint(
            "labels",
            labels,
            "Member must satisfy constraint: [Member must have length less than or equal to 100,"
                + " Member must have length greater than or equal to 1]");
      }
    }
    StoredParameter p = find(r.name());
    long number = r.parameterVersion() == null ? p.latest().number() : r.parameterVersion();
    if (p.version(number) == null) {
      throw SsmErrors.versionNotFound(p.latest().name(), Long.toString(number));
    }
    List<String> invalid = new ArrayList<>();
    List<String> toAttach = new ArrayList<>();
    for (String label : labels) {
      if (!SsmRules.validLabel(label)) {
        invalid.add(label);
      } else if (!Objects.equals(p.labels.get(label), number) && !toAttach.contains(label)) {
        toAttach.add(label);
      }
    }
    if (p.labelsOf(number).size() + toAttach.size() > SsmRules.MAX_LABELS_PER_VERSION) {
      throw SsmErrors.labelLimit();
    }
    for (String label : toAttach) {
      p.labels.put(label, number);
    }
    return LabelParameterVersionResponse.builder()
        .invalidLabels(invalid)
        .parameterVersion(number)
        .build();
  }

  /** Removes labels from a version; labels not on that version are returned as invalid. */
  public synchronized UnlabelParameterVersionResponse unlabelParameterVersion(
      UnlabelParameterVersionRequest r) {
    if (r.parameterVersion() == null) {
      throw SsmErrors.constraint("parameterVersion", "null", "Member must not be null");
    }
    StoredParameter p = find(r.name());
    long number = r.parameterVersion();
    if (p.version(number) == null) {
      throw SsmErrors.versionNotFound(p.latest().name(), Long.toString(number));
    }
    List<String> removed = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String label : r.hasLabels() ? r.labels() : List.<String>of()) {
      if (Objects.equals(p.labels.get(label), number)) {
        p.labels.remove(label);
        removed.add(label);
      } else {
        invalid.add(label);
      }
    }
    return UnlabelParameterVersionResponse.builder()
        .removedLabels(removed)
        .invalidLabels(invalid)
        .build();
  }

  /** Adds or replaces tags on a parameter ({@code ResourceType=Parameter}). */
  public synchronized AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest r) {
    StoredParameter p = taggable(r.resourceTypeAsString(), r.resourceId());
    List<Tag> tags = r.hasTags() ? r.tags() : List.of();
    checkTags(tags);
    Map<String, String> merged = new java.util.LinkedHashMap<>(p.tags);
    tags.forEach(t -> merged.put(t.key(), t.value()));
    if (merged.size() > SsmRules.MAX_TAGS) {
      throw SsmErrors.tooManyTags();
    }
    p.tags.putAll(merged);
    return AddTagsToResourceResponse.builder().build();
  }

  /** Removes tags from a parameter. */
  public synchronized RemoveTagsFromResourceResponse removeTagsFromResource(
      RemoveTagsFromResourceRequest r) {
    StoredParameter p = taggable(r.resourceTypeAsString(), r.resourceId());
    (r.hasTagKeys() ? r.tagKeys() : List.<String>of()).forEach(p.tags::remove);
    return RemoveTagsFromResourceResponse.builder().build();
  }

  /** Lists a parameter's tags. */
  public synchronized ListTagsForResourceResponse listTagsForResource(
      ListTagsForResourceRequest r) {
    StoredParameter p = taggable(r.resourceTypeAsString(), r.resourceId());
    List<Tag> tags = new ArrayList<>();
    p.tags.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    return ListTagsForResourceResponse.builder().tagList(tags).build();
  }

  // Consumer-builder overloads, as on the SDK client.

  /** putParameter with a request built in place. */
  public PutParameterResponse putParameter(Consumer<PutParameterRequest.Builder> request) {
    return putParameter(PutParameterRequest.builder().applyMutation(request).build());
  }

  /** getParameter with a request built in place. */
  public GetParameterResponse getParameter(Consumer<GetParameterRequest.Builder> request) {
    return getParameter(GetParameterRequest.builder().applyMutation(request).build());
  }

  /** getParameters with a request built in place. */
  public GetParametersResponse getParameters(Consumer<GetParametersRequest.Builder> request) {
    return getParameters(GetParametersRequest.builder().applyMutation(request).build());
  }

  /** getParametersByPath with a request built in place. */
  public GetParametersByPathResponse getParametersByPath(
      Consumer<GetParametersByPathRequest.Builder> request) {
    return getParametersByPath(GetParametersByPathRequest.builder().applyMutation(request).build());
  }

  /** getParameterHistory with a request built in place. */
  public GetParameterHistoryResponse getParameterHistory(
      Consumer<GetParameterHistoryRequest.Builder> request) {
    return getParameterHistory(GetParameterHistoryRequest.builder().applyMutation(request).build());
  }

  /** deleteParameter with a request built in place. */
  public DeleteParameterResponse deleteParameter(Consumer<DeleteParameterRequest.Builder> request) {
    return deleteParameter(DeleteParameterRequest.builder().applyMutation(request).build());
  }

  /** deleteParameters with a request built in place. */
  public DeleteParametersResponse deleteParameters(
      Consumer<DeleteParametersRequest.Builder> request) {
    return deleteParameters(DeleteParametersRequest.builder().applyMutation(request).build());
  }

  /** labelParameterVersion with a request built in place. */
  public LabelParameterVersionResponse labelParameterVersion(
      Consumer<LabelParameterVersionRequest.Builder> request) {
    return labelParameterVersion(
        LabelParameterVersionRequest.builder().applyMutation(request).build());
  }

  /** unlabelParameterVersion with a request built in place. */
  public UnlabelParameterVersionResponse unlabelParameterVersion(
      Consumer<UnlabelParameterVersionRequest.Builder> request) {
    return unlabelParameterVersion(
        UnlabelParameterVersionRequest.builder().applyMutation(request).build());
  }

  /** addTagsToResource with a request built in place. */
  public AddTagsToResourceResponse addTagsToResource(
      Consumer<AddTagsToResourceRequest.Builder> request) {
    return addTagsToResource(AddTagsToResourceRequest.builder().applyMutation(request).build());
  }

  /** removeTagsFromResource with a request built in place. */
  public RemoveTagsFromResourceResponse removeTagsFromResource(
      Consumer<RemoveTagsFromResourceRequest.Builder> request) {
    return removeTagsFromResource(
        RemoveTagsFromResourceRequest.builder().applyMutation(request).build());
  }

  /** listTagsForResource with a request built in place. */
  public ListTagsForResourceResponse listTagsForResource(
      Consumer<ListTagsForResourceRequest.Builder> request) {
    return listTagsForResource(ListTagsForResourceRequest.builder().applyMutation(request).build());
  }

  // ---------------------------------------------------------------------------------------------

  private String arnPrefix() {
    return "arn:aws:ssm:" + region + ":" + accountId + ":parameter/";
  }

  private String arn(String name) {
    return arnPrefix() + (name.startsWith("/") ? name.substring(1) : name);
  }

  /** Accepts a plain name or the parameter's ARN. */
  private String plainName(String name) {
    if (name == null || name.isEmpty()) {
      throw SsmErrors.constraint(
          "name", name, "Member must have length greater than or equal to 1");
    }
    String trimmed = name.strip();
    if (trimmed.startsWith(arnPrefix())) {
      String rest = trimmed.substring(arnPrefix().length());
      return rest.indexOf('/') >= 0 ? "/" + rest : rest;
    }
    return trimmed;
  }

  private StoredParameter find(String rawName) {
    String name = plainName(rawName);
    StoredParameter p = parameters.get(SsmRules.key(name));
    if (p == null) {
      throw SsmErrors.notFound(name);
    }
    return p;
  }

  private Parameter resolve(String rawName, boolean decrypt) {
    String name = plainName(rawName);
    int colon = name.indexOf(':');
    String base = colon < 0 ? name : name.substring(0, colon);
    String selector = colon < 0 ? null : name.substring(colon + 1);
    StoredParameter p = parameters.get(SsmRules.key(base));
    if (p == null) {
      throw SsmErrors.notFound(base);
    }
    if (selector == null) {
      return toParameter(p.latest(), null, decrypt);
    }
    if (!selector.isEmpty() && selector.chars().allMatch(Character::isDigit)) {
      StoredParameter.Version v = p.version(Long.parseLong(selector));
      if (v == null) {
        throw SsmErrors.versionNotFound(base, selector);
      }
      return toParameter(v, ":" + selector, decrypt);
    }
    Long labelled = p.labels.get(selector);
    if (labelled == null) {
      // moto and the service both answer ParameterNotFound for a label nobody attached.
      throw SsmErrors.notFound(name);
    }
    return toParameter(p.version(labelled), ":" + selector, decrypt);
  }

  private Parameter toParameter(StoredParameter.Version v, String selector, boolean decrypt) {
    return Parameter.builder()
        .name(v.name())
        .type(v.type())
        .value(shownValue(v, decrypt))
        .version(v.number())
        .selector(selector)
        .lastModifiedDate(v.lastModified())
        .arn(arn(v.name()))
        .dataType(v.dataType())
        .build();
  }

  private static String shownValue(StoredParameter.Version v, boolean decrypt) {
    if (!"SecureString".equals(v.type()) || decrypt) {
      return v.value();
    }
    // Stands in for the KMS ciphertext: not the clear text, stable for a given key and value.
    return Base64.getEncoder()
        .encodeToString(
            ("fake-kms:" + v.keyId() + ":" + v.value()).getBytes(StandardCharsets.UTF_8));
  }

  private String resolveKeyId(String type, String keyId, StoredParameter.Version previous) {
    if (!"SecureString".equals(type)) {
      if (keyId != null) {
        throw SsmErrors.validation(
            "KeyId is only valid for parameters of type SecureString; this parameter is of type "
                + type
                + ".");
      }
      return null;
    }
    if (keyId == null) {
      return previous != null && previous.keyId() != null ? previous.keyId() : DEFAULT_KEY;
    }
    boolean known = knownKeys == null ? KEY_ID.matcher(keyId).matches() : knownKeys.contains(keyId);
    if (!known && !DEFAULT_KEY.equals(keyId)) {
      throw SsmErrors.invalidKeyId(keyId);
    }
    return keyId;
  }

  private static void checkAllowedPattern(String pattern, String value) {
    if (pattern == null) {
      return;
    }
    if (pattern.length() > SsmRules.MAX_ALLOWED_PATTERN) {
      throw SsmErrors.constraint(
          "allowedPattern", pattern, "Member must have length less than or equal to 1024");
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw SsmErrors.invalidPattern(pattern);
    }
    if (!compiled.matcher(value).matches()) {
      throw SsmErrors.patternMismatch(pattern);
    }
  }

  private String resolveTier(
      String requested, String value, String policies, StoredParameter.Version previous) {
    boolean wasAdvanced = previous != null && "Advanced".equals(previous.tier());
    int length = value.codePointCount(0, value.length());
    String tier;
    if (requested == null) {
      tier = wasAdvanced ? "Advanced" : defaultTier;
    } else {
      tier = requested;
    }
    if ("Intelligent-Tiering".equals(tier)) {
      tier =
          wasAdvanced || length > SsmRules.STANDARD_MAX_VALUE || policies != null
              ? "Advanced"
              : "Standard";
    }
    switch (tier) {
      case "Standard":
        if (wasAdvanced) {
          throw SsmErrors.validation(
              "This parameter uses the advanced-parameter tier. You can't downgrade a parameter"
                  + " from the advanced-parameter tier to the standard-parameter tier. If"
                  + " necessary, you can delete the advanced parameter and recreate it as a"
                  + " standard parameter.");
        }
        if (length > SsmRules.STANDARD_MAX_VALUE) {
          throw SsmErrors.validation(
              "Standard tier parameters support a maximum parameter value of 4096 characters. To"
                  + " create a larger parameter value, upgrade the parameter to use the"
                  + " advanced-parameter tier. For more information, see"
                  + " https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
        }
        if (policies != null) {
          throw SsmErrors.validation(
              "Parameter policies are supported only for advanced-tier parameters.");
        }
        return tier;
      case "Advanced":
        if (length > SsmRules.ADVANCED_MAX_VALUE) {
          throw SsmErrors.validation(
              "Advanced tier parameters support a maximum parameter value of 8192 characters.");
        }
        return tier;
      default:
        throw SsmErrors.constraint(
            "tier",
            tier,
            "Member must satisfy enum value set: [Advanced, Intelligent-Tiering, Standard]");
    }
  }

  private void checkQuota(String tier, StoredParameter.Version previous) {
    if (previous != null && previous.tier().equals(tier)) {
      return;
    }
    long count = parameters.values().stream().filter(p -> p.latest().tier().equals(tier)).count();
    int limit = "Advanced".equals(tier) ? advancedLimit : standardLimit;
    if (count >= limit) {
      throw SsmErrors.limitExceeded(tier.toLowerCase(Locale.ROOT), limit);
    }
  }

  private static void checkTags(List<Tag> tags) {
    if (tags.size() > SsmRules.MAX_TAGS) {
      throw SsmErrors.tooManyTags();
    }
    for (Tag t : tags) {
      if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
        throw SsmErrors.constraint(
            "tags.member.key", t.key(), "Member must have length between 1 and 128");
      }
      if (t.value() == null || t.value().length() > 256) {
        throw SsmErrors.constraint(
            "tags.member.value", t.value(), "Member must have length between 0 and 256");
      }
      if (t.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw SsmErrors.validation("Tag keys can't begin with the reserved prefix aws:");
      }
    }
  }

  private static void checkByPathFilters(List<ParameterStringFilter> filters) {
    for (ParameterStringFilter f : filters) {
      String key = f.key();
      boolean tag = key != null && key.startsWith("tag:") && key.length() > 4;
      if (!tag && !"Type".equals(key) && !"KeyId".equals(key) && !"Label".equals(key)) {
        throw SsmErrors.invalidFilterKey(key, "[Type, KeyId, Label, tag:<key>].");
      }
      String option = f.option() == null ? "Equals" : f.option();
      boolean optionOk =
          "Label".equals(key) || tag
              ? "Equals".equals(option)
              : "Equals".equals(option) || "BeginsWith".equals(option);
      if (!optionOk) {
        throw SsmErrors.invalidFilterOption(
            option, "Label".equals(key) || tag ? "[Equals]." : "[Equals, BeginsWith].");
      }
      if ((!f.hasValues() || f.values().isEmpty()) && !tag) {
        throw SsmErrors.invalidFilterValue(
            "The following filter values are missing : null for filter key " + key + ".");
      }
      if (f.hasValues() && f.values().size() > 50) {
        throw SsmErrors.constraint(
            "parameterFilters.member.values",
            f.values(),
            "Member must have length less than or equal to 50");
      }
    }
  }

  /**
   * The version a by-path listing returns for this parameter, or null when a filter excludes it.
   */
  private static StoredParameter.Version matchFilters(
      StoredParameter p, List<ParameterStringFilter> filters) {
    StoredParameter.Version chosen = p.latest();
    for (ParameterStringFilter f : filters) {
      String option = f.option() == null ? "Equals" : f.option();
      List<String> values = f.hasValues() ? f.values() : List.of();
      switch (f.key()) {
        case "Type" -> {
          if (!matches(chosen.type(), values, option)) {
            return null;
          }
        }
        case "KeyId" -> {
          if (chosen.keyId() == null || !matches(chosen.keyId(), values, option)) {
            return null;
          }
        }
        case "Label" -> {
          StoredParameter.Version labelled = null;
          for (String label : values) {
            Long n = p.labels.get(label);
            if (n != null) {
              labelled = p.version(n);
              break;
            }
          }
          if (labelled == null) {
            return null;
          }
          chosen = labelled;
        }
        default -> {
          String tagValue = p.tags.get(f.key().substring(4));
          if (tagValue == null || (!values.isEmpty() && !values.contains(tagValue))) {
            return null;
          }
        }
      }
    }
    return chosen;
  }

  private static boolean matches(String actual, List<String> values, String option) {
    for (String v : values) {
      if ("BeginsWith".equals(option) ? actual.startsWith(v) : actual.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private StoredParameter taggable(String type, String id) {
    if (!"Parameter".equals(type)) {
      throw SsmErrors.invalidResourceType();
    }
    StoredParameter p = id == null ? null : parameters.get(SsmRules.key(id.strip()));
    if (p == null) {
      throw SsmErrors.invalidResourceId();
    }
    return p;
  }

  private static int pageSize(Integer requested, int max) {
    if (requested == null) {
      return max;
    }
    if (requested < 1 || requested > max) {
      throw SsmErrors.constraint(
          "maxResults",
          requested,
          "Member must have value "
              + (requested < 1 ? "greater than or equal to 1" : "less than or equal to " + max));
    }
    return requested;
  }

  private static String encodeToken(String kind, String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token, String kind) {
    if (token == null) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith(kind + ":")) {
        throw SsmErrors.invalidNextToken();
      }
      return text.substring(kind.length() + 1);
    } catch (IllegalArgumentException e) {
      throw SsmErrors.invalidNextToken();
    }
  }

  /** Options for a {@link FakeSsm}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private String defaultTier = "Standard";
    private int standardLimit = 10_000;
    private int advancedLimit = 100_000;
    private Set<String> knownKeys;

    private Builder() {}

    /** The clock for LastModifiedDate (use the testkit's virtual clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The region in ARNs; default {@code us-east-1}. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** The account in ARNs; default {@code 123456789012}. */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /**
     * The tier used when a put names none (the account's "default parameter tier" setting): {@code
     * Standard} (default), {@code Advanced} or {@code Intelligent-Tiering}.
     */
    public Builder defaultTier(String tier) {
      if (!Set.of("Standard", "Advanced", "Intelligent-Tiering").contains(tier)) {
        throw new IllegalArgumentException("defaultTier: unknown tier " + tier);
      }
      this.defaultTier = tier;
      return this;
    }

    /** How many Standard parameters the account may hold (the service quota is 10,000). */
    public Builder standardParameterLimit(int limit) {
      this.standardLimit = limit;
      return this;
    }

    /** How many Advanced parameters the account may hold (the service quota is 100,000). */
    public Builder advancedParameterLimit(int limit) {
      this.advancedLimit = limit;
      return this;
    }

    /**
     * The only KMS key ids SecureString puts may name (besides {@code alias/aws/ssm}); others fail
     * with InvalidKeyId. Without this, any well-formed key id, alias or key ARN is accepted.
     */
    public Builder kmsKeys(Set<String> keyIds) {
      this.knownKeys = Set.copyOf(keyIds);
      return this;
    }

    /** Builds the store. */
    public FakeSsm build() {
      return new FakeSsm(this);
    }
  }
}
