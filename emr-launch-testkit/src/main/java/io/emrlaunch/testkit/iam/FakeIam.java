package io.emrlaunch.testkit.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.testkit.internal.IamService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UntagRoleResponse;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;

/**
 * An in-memory IAM for tests: roles (trust policy, tags, path, permissions boundary), inline and
 * attached managed policies, and instance profiles.
 *
 * <p>Each public operation mirrors the {@code IamClient} method of the same name and throws the
 * SDK's modelled exceptions with IAM's error codes ({@code NoSuchEntity}, {@code
 * EntityAlreadyExists}, {@code DeleteConflict}, {@code MalformedPolicyDocument}, {@code
 * InvalidInput}). As in IAM, policy documents come back URL-encoded, a role with policies or
 * instance profiles cannot be deleted, and only AWS-managed policies of the account's partition can
 * be attached ({@link #MANAGED_POLICIES}).
 *
 * <p>{@link #newRolesVisibleAfter(Duration)} simulates IAM's eventual consistency: for that long
 * after CreateRole, operations that use the role from another entity ({@code AttachRolePolicy},
 * {@code PutRolePolicy}, {@code AddRoleToInstanceProfile}) fail with {@code NoSuchEntity}.
 */
public final class FakeIam {
  /** AWS-managed policies that can be attached, as {@code path + name}. */
  public static final Set<String> MANAGED_POLICIES =
      Set.of(
          "service-role/AmazonEMRServicePolicy_v2",
          "service-role/AmazonElasticMapReduceRole",
          "service-role/AmazonElasticMapReduceforEC2Role",
          "service-role/AmazonElasticMapReduceforAutoScalingRole",
          "service-role/AmazonEMRRole",
          "AmazonS3ReadOnlyAccess");

  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern PATH = Pattern.compile("/([\\x21-\\x7E]{0,510}/)?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final String partition;
  private final String accountId;
  private final Random random;
  private final Map<String, RoleState> roles = new LinkedHashMap<>();
  private final Map<String, ProfileState> profiles = new LinkedHashMap<>();
  private Duration visibilityDelay = Duration.ZERO;

  private FakeIam(Builder b) {
    this.clock = b.clock;
    this.partition = b.partition;
    this.accountId = b.accountId;
    this.random = new Random(b.seed);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How long a new role stays invisible to operations that reference it from another entity
   * (default zero: immediately consistent).
   */
  public synchronized FakeIam newRolesVisibleAfter(Duration delay) {
    this.visibilityDelay = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** Names of all roles, in creation order. */
  public synchronized List<String> roleNames() {
    return List.copyOf(roles.keySet());
  }

  /** Names of all instance profiles, in creation order. */
  public synchronized List<String> instanceProfileNames() {
    return List.copyOf(profiles.keySet());
  }

  // ----- roles -----------------------------------------------------------------------------------

  /** CreateRole. */
  public synchronized CreateRoleResponse createRole(CreateRoleRequest request) {
    String name = name(request.roleName(), "roleName");
    String path = path(request.path());
    policyDocument(request.assumeRolePolicyDocument(), "assumeRolePolicyDocument");
    if (roles.containsKey(name)) {
      throw error("EntityAlreadyExists", 409, "Role with name " + name + " already exists.");
    }
    String boundary = request.permissionsBoundary();
    if (boundary != null) {
      requireManagedOrCustomerPolicy(boundary);
    }
    RoleState role = new RoleState();
    role.name = name;
    role.path = path;
    role.id = "AROA" + id(17);
    role.created = clock.instant();
    role.trust = request.assumeRolePolicyDocument();
    role.description = request.description();
    role.boundary = boundary;
    request.tags().forEach(t -> role.tags.put(t.key(), t.value()));
    roles.put(name, role);
    return CreateRoleResponse.builder().role(role.toRole()).build();
  }

  /** GetRole. */
  public synchronized GetRoleResponse getRole(GetRoleRequest request) {
    return GetRoleResponse.builder().role(role(request.roleName()).toRole()).build();
  }

  /** DeleteRole: refused while the role has policies or is in an instance profile. */
  public synchronized DeleteRoleResponse deleteRole(DeleteRoleRequest request) {
    RoleState role = role(request.roleName());
    boolean inProfile = profiles.values().stream().anyMatch(p -> p.roles.contains(role.name));
    if (!role.inline.isEmpty() || !role.attached.isEmpty() || inProfile) {
      throw error(
          "DeleteConflict",
          409,
          "Cannot delete entity, must "
              + (inProfile ? "remove roles from instance profile" : "delete policies")
              + " first.");
    }
    roles.remove(role.name);
    return DeleteRoleResponse.builder().build();
  }

  /** UpdateAssumeRolePolicy. */
  public synchronized UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(
      UpdateAssumeRolePolicyRequest request) {
    RoleState role = role(request.roleName());
    policyDocument(request.policyDocument(), "policyDocument");
    role.trust = request.policyDocument();
    return UpdateAssumeRolePolicyResponse.builder().build();
  }

  /** TagRole. */
  public synchronized TagRoleResponse tagRole(TagRoleRequest request) {
    RoleState role = role(request.roleName());
    request.tags().forEach(t -> role.tags.put(t.key(), t.value()));
    return TagRoleResponse.builder().build();
  }

  /** UntagRole. */
  public synchronized UntagRoleResponse untagRole(UntagRoleRequest request) {
    RoleState role = role(request.roleName());
    request.tagKeys().forEach(role.tags::remove);
    return UntagRoleResponse.builder().build();
  }

  /** PutRolePermissionsBoundary. */
  public synchronized PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(
      PutRolePermissionsBoundaryRequest request) {
    RoleState role = role(request.roleName());
    requireManagedOrCustomerPolicy(request.permissionsBoundary());
    role.boundary = request.permissionsBoundary();
    return PutRolePermissionsBoundaryResponse.builder().build();
  }

  /** DeleteRolePermissionsBoundary. */
  public synchronized DeleteRolePermissionsBoundaryResponse deleteRolePermissionsBoundary(
      DeleteRolePermissionsBoundaryRequest request) {
    role(request.roleName()).boundary = null;
    return DeleteRolePermissionsBoundaryResponse.builder().build();
  }

  // ----- inline policies -------------------------------------------------------------------------

  /** PutRolePolicy: creates or replaces an inline policy. */
  public synchronized PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest request) {
    RoleState role = visibleRole(request.roleName());
    String policyName = name(request.policyName(), "policyName");
    policyDocument(request.policyDocument(), "policyDocument");
    role.inline.put(policyName, request.policyDocument());
    return PutRolePolicyResponse.builder().build();
  }

  /** GetRolePolicy: the document URL-encoded, as IAM returns it. */
  public synchronized GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest request) {
    RoleState role = role(request.roleName());
    String doc = role.inline.get(request.policyName());
    if (doc == null) {
      throw noSuchEntity("The role policy with name " + request.policyName() + " cannot be found.");
    }
    return GetRolePolicyResponse.builder()
        .roleName(role.name)
        .policyName(request.policyName())
        .policyDocument(urlEncode(doc))
        .build();
  }

  /** ListRolePolicies (one page). */
  public synchronized ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest request) {
    RoleState role = role(request.roleName());
    return ListRolePoliciesResponse.builder()
        .policyNames(new ArrayList<>(role.inline.keySet()))
        .isTruncated(false)
        .build();
  }

  /** DeleteRolePolicy. */
  public synchronized DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest request) {
    RoleState role = role(request.roleName());
    if (role.inline.remove(request.policyName()) == null) {
      throw noSuchEntity("The role policy with name " + request.policyName() + " cannot be found.");
    }
    return DeleteRolePolicyResponse.builder().build();
  }

  // ----- managed policies ------------------------------------------------------------------------

  /** AttachRolePolicy: only AWS-managed policies of this partition exist here. */
  public synchronized AttachRolePolicyResponse attachRolePolicy(AttachRolePolicyRequest request) {
    RoleState role = visibleRole(request.roleName());
    String arn = request.policyArn();
    if (managedPolicyName(arn) == null) {
      throw noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    }
    role.attached.add(arn);
    return AttachRolePolicyResponse.builder().build();
  }

  /** DetachRolePolicy. */
  public synchronized DetachRolePolicyResponse detachRolePolicy(DetachRolePolicyRequest request) {
    RoleState role = role(request.roleName());
    if (!role.attached.remove(request.policyArn())) {
      throw noSuchEntity("Policy " + request.policyArn() + " was not found.");
    }
    return DetachRolePolicyResponse.builder().build();
  }

  /** ListAttachedRolePolicies (one page). */
  public synchronized ListAttachedRolePoliciesResponse listAttachedRolePolicies(
      ListAttachedRolePoliciesRequest request) {
    RoleState role = role(request.roleName());
    List<AttachedPolicy> attached = new ArrayList<>();
    for (String arn : role.attached) {
      attached.add(
          AttachedPolicy.builder().policyArn(arn).policyName(managedPolicyName(arn)).build());
    }
    return ListAttachedRolePoliciesResponse.builder()
        .attachedPolicies(attached)
        .isTruncated(false)
        .build();
  }

  // ----- instance profiles -----------------------------------------------------------------------

  /** CreateInstanceProfile. */
  public synchronized CreateInstanceProfileResponse createInstanceProfile(
      CreateInstanceProfileRequest request) {
    String name = name(request.instanceProfileName(), "instanceProfileName");
    String path = path(request.path());
    if (profiles.containsKey(name)) {
      throw error("EntityAlreadyExists", 409, "Instance Profile " + name + " already exists.");
    }
    ProfileState p = new ProfileState();
    p.name = name;
    p.path = path;
    p.id = "AIPA" + id(17);
    p.created = clock.instant();
    request.tags().forEach(t -> p.tags.put(t.key(), t.value()));
    profiles.put(name, p);
    return CreateInstanceProfileResponse.builder().instanceProfile(toProfile(p)).build();
  }

  /** GetInstanceProfile. */
  public synchronized GetInstanceProfileResponse getInstanceProfile(
      GetInstanceProfileRequest request) {
    return GetInstanceProfileResponse.builder()
        .instanceProfile(toProfile(profile(request.instanceProfileName())))
        .build();
  }

  /** AddRoleToInstanceProfile: an instance profile holds at most one role. */
  public synchronized AddRoleToInstanceProfileResponse addRoleToInstanceProfile(
      AddRoleToInstanceProfileRequest request) {
    ProfileState p = profile(request.instanceProfileName());
    RoleState role = visibleRole(request.roleName());
    if (!p.roles.isEmpty()) {
      throw error(
          "LimitExceeded", 409, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    }
    p.roles.add(role.name);
    return AddRoleToInstanceProfileResponse.builder().build();
  }

  /** RemoveRoleFromInstanceProfile. */
  public synchronized RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(
      RemoveRoleFromInstanceProfileRequest request) {
    ProfileState p = profile(request.instanceProfileName());
    if (!p.roles.remove(request.roleName())) {
      throw noSuchEntity(
          "The role with name "
              + request.roleName()
              + " is not in instance profile "
              + p.name
              + ".");
    }
    return RemoveRoleFromInstanceProfileResponse.builder().build();
  }

  /** DeleteInstanceProfile: refused while it holds a role. */
  public synchronized DeleteInstanceProfileResponse deleteInstanceProfile(
      DeleteInstanceProfileRequest request) {
    ProfileState p = profile(request.instanceProfileName());
    if (!p.roles.isEmpty()) {
      throw error(
          "DeleteConflict",
          409,
          "Cannot delete entity, must remove roles from instance profile first.");
    }
    profiles.remove(p.name);
    return DeleteInstanceProfileResponse.builder().build();
  }

  // ----- helpers ---------------------------------------------------------------------------------

  private RoleState role(String name) {
    RoleState role = name == null ? null : roles.get(name);
    if (role == null) {
      throw noSuchEntity("The role with name " + name + " cannot be found.");
    }
    return role;
  }

  private RoleState visibleRole(String name) {
    RoleState role = role(name);
    if (clock.instant().isBefore(role.created.plus(visibilityDelay))) {
      throw noSuchEntity("The role with name " + name + " cannot be found.");
    }
    return role;
  }

  private ProfileState profile(String name) {
    ProfileState p = name == null ? null : profiles.get(name);
    if (p == null) {
      throw noSuchEntity("Instance Profile " + name + " cannot be found.");
    }
    return p;
  }

  private String managedPolicyName(String arn) {
    String prefix = "arn:" + partition + ":iam::aws:policy/";
    if (arn == null || !arn.startsWith(prefix)) {
      return null;
    }
    String rest = arn.substring(prefix.length());
    if (!MANAGED_POLICIES.contains(rest)) {
      return null;
    }
    return rest.substring(rest.lastIndexOf('/') + 1);
  }

  private void requireManagedOrCustomerPolicy(String arn) {
    if (managedPolicyName(arn) == null
        && (arn == null
            || !arn.startsWith("arn:" + partition + ":iam::" + accountId + ":policy/"))) {
      throw error("InvalidInput", 400, "ARN " + arn + " is not valid.");
    }
  }

  private static String name(String value, String field) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw error(
          "ValidationError",
          400,
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + field
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " [\\w+=,.@-]+");
    }
    return value;
  }

  private static String path(String value) {
    String path = value == null ? "/" : value;
    if (!PATH.matcher(path).matches()) {
      throw error("ValidationError", 400, "The specified value for path is invalid: " + path);
    }
    return path;
  }

  private static void policyDocument(String doc, String field) {
    if (doc == null) {
      throw error("ValidationError", 400, field + " is required");
    }
    try {
      JsonNode node = JSON.readTree(doc);
      if (node == null || !node.isObject() || !node.has("Statement")) {
        throw error("MalformedPolicyDocument", 400, "Syntax errors in policy.");
      }
    } catch (java.io.IOException e) {
      throw error("MalformedPolicyDocument", 400, "Syntax errors in policy.");
    }
  }

  private String id(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String urlEncode(String doc) {
    return URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static AwsServiceException noSuchEntity(String message) {
    return error("NoSuchEntity", 404, message);
  }

  private static AwsServiceException error(String code, int status, String message) {
    return IamService.DESCRIPTOR.error(code, status, message);
  }

  private InstanceProfile toProfile(ProfileState p) {
    List<Role> members = new ArrayList<>();
    for (String r : p.roles) {
      RoleState role = roles.get(r);
      if (role != null) {
        members.add(role.toRole());
      }
    }
    return InstanceProfile.builder()
        .instanceProfileName(p.name)
        .instanceProfileId(p.id)
        .path(p.path)
        .arn("arn:" + partition + ":iam::" + accountId + ":instance-profile" + p.path + p.name)
        .createDate(p.created)
        .roles(members)
        .tags(tags(p.tags))
        .build();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    List<Tag> result = new ArrayList<>();
    tags.forEach((k, v) -> result.add(Tag.builder().key(k).value(v).build()));
    return result;
  }

  private final class RoleState {
    String name;
    String path;
    String id;
    Instant created;
    String trust;
    String description;
    String boundary;
    final Map<String, String> tags = new TreeMap<>();
    final Map<String, String> inline = new TreeMap<>();
    final Set<String> attached = new LinkedHashSet<>();

    Role toRole() {
      Role.Builder b =
          Role.builder()
              .roleName(name)
              .roleId(id)
              .path(path)
              .arn("arn:" + partition + ":iam::" + accountId + ":role" + path + name)
              .createDate(created)
              .assumeRolePolicyDocument(urlEncode(trust))
              .description(description)
              .maxSessionDuration(3600)
              .tags(tags(tags));
      if (boundary != null) {
        b.permissionsBoundary(
            AttachedPermissionsBoundary.builder()
                .permissionsBoundaryArn(boundary)
                .permissionsBoundaryType(
                    PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                .build());
      }
      return b.build();
    }
  }

  private static final class ProfileState {
    String name;
    String path;
    String id;
    Instant created;
    final Map<String, String> tags = new TreeMap<>();
    final List<String> roles = new ArrayList<>();
  }

  /** Builds a {@link FakeIam}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String partition = "aws";
    private String accountId = "123456789012";
    private long seed = 1;

    private Builder() {}

    /** The clock of creation dates and of {@link #newRolesVisibleAfter(Duration)}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The partition in ARNs ({@code aws}, {@code aws-cn}, {@code aws-us-gov}); default aws. */
    public Builder partition(String partition) {
      this.partition = Objects.requireNonNull(partition, "partition");
      return this;
    }

    /** The account in ARNs; default {@code 123456789012}. */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** Seed of role and instance profile ids. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The fake. */
    public FakeIam build() {
      return new FakeIam(this);
    }
  }
}
