package io.emrlaunch.provisioning.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.repository.RecordStore;
import io.emrlaunch.core.repository.StoredRecord;
import io.emrlaunch.provisioning.ChangeAction;
import io.emrlaunch.provisioning.PlannedChange;
import io.emrlaunch.provisioning.ProfileProvisioner;
import io.emrlaunch.provisioning.ProvisioningException;
import io.emrlaunch.provisioning.ProvisioningPlan;
import io.emrlaunch.provisioning.ProvisioningResult;
import io.emrlaunch.provisioning.ProvisioningSpec;
import io.emrlaunch.provisioning.ResourceInUseException;
import io.emrlaunch.provisioning.ResourceKind;
import io.emrlaunch.provisioning.ResourceNotOwnedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Observes what exists, derives the plan, and carries it out. Each resource's differences are
 * computed once as {@link Op}s: their reasons make the plan, running them applies it.
 */
public final class Engine {
  private static final List<ResourceKind> ROLES =
      List.of(
          ResourceKind.SERVICE_ROLE, ResourceKind.INSTANCE_ROLE, ResourceKind.AUTO_SCALING_ROLE);
  private static final List<ResourceKind> GROUPS =
      List.of(
          ResourceKind.MASTER_SECURITY_GROUP,
          ResourceKind.WORKERS_SECURITY_GROUP,
          ResourceKind.SERVICE_ACCESS_SECURITY_GROUP);
  private static final Set<ClusterState> ACTIVE =
      Set.of(
          ClusterState.STARTING,
          ClusterState.BOOTSTRAPPING,
          ClusterState.RUNNING,
          ClusterState.WAITING,
          ClusterState.TERMINATING);

  private final IamAsyncClient iam;
  private final Ec2AsyncClient ec2;
  private final EmrAsyncClient emr;
  private final RecordStore store;
  private final Retry retry;
  private final String partition;
  private final String region;
  private final String accountId;

  public Engine(
      IamAsyncClient iam,
      Ec2AsyncClient ec2,
      EmrAsyncClient emr,
      RecordStore store,
      Retry retry,
      String partition,
      String region,
      String accountId) {
    this.iam = iam;
    this.ec2 = ec2;
    this.emr = emr;
    this.store = store;
    this.retry = retry;
    this.partition = partition;
    this.region = region;
    this.accountId = accountId;
  }

  // ----- entry points ----------------------------------------------------------------------------

  public CompletableFuture<ProvisioningPlan> plan(ProvisioningSpec spec) {
    Ctx ctx = new Ctx(spec);
    return observe(ctx).thenApply(v -> applyPlan(ctx).plan());
  }

  public CompletableFuture<ProvisioningResult> apply(ProvisioningSpec spec) {
    Ctx ctx = new Ctx(spec);
    return observe(ctx)
        .thenCompose(
            v -> {
              Work work = applyPlan(ctx);
              return run(work.ops)
                  .thenApply(
                      x ->
                          new ProvisioningResult(
                              work.plan(), Optional.ofNullable(ctx.saved), ctx.notes));
            });
  }

  public CompletableFuture<ProvisioningPlan> planDestroy(ProvisioningSpec spec) {
    Ctx ctx = new Ctx(spec);
    return observe(ctx).thenApply(v -> destroyPlan(ctx).plan());
  }

  public CompletableFuture<ProvisioningResult> destroy(ProvisioningSpec spec) {
    Ctx ctx = new Ctx(spec);
    return observe(ctx)
        .thenCompose(v -> checkNotInUse(ctx))
        .thenCompose(
            v -> {
              Work work = destroyPlan(ctx);
              return run(work.ops)
                  .thenApply(x -> new ProvisioningResult(work.plan(), Optional.empty(), ctx.notes));
            });
  }

  // ----- observation -----------------------------------------------------------------------------

  /** Everything read about one profile's resources. */
  private final class Ctx {
    final ProvisioningSpec spec;
    final Names names;
    final Policies policies;
    // Written by the parallel reads' callbacks (SDK threads): concurrent maps.
    final Map<ResourceKind, Role> roles = new ConcurrentHashMap<>();
    final Map<ResourceKind, Map<String, JsonNode>> inline = new ConcurrentHashMap<>();
    final Map<ResourceKind, Set<String>> attached = new ConcurrentHashMap<>();
    volatile InstanceProfile profile;
    final Map<ResourceKind, SecurityGroup> groups = new ConcurrentHashMap<>();
    final Map<ResourceKind, String> ids = new ConcurrentHashMap<>();
    final String scJson;
    final String scName;
    volatile JsonNode scObserved;
    volatile String oldScName;
    volatile boolean oldScExists;
    volatile EmrProfile stored;
    volatile EmrProfile saved;
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    final Map<ResourceKind, ResourceNotOwnedException> notOwned = new EnumMap<>(ResourceKind.class);

    Ctx(ProvisioningSpec spec) {
      this.spec = spec;
      this.names = new Names(spec, partition, region, accountId);
      this.policies = new Policies(spec, names);
      this.scJson = spec.securityConfiguration().map(sc -> sc.toEmrJson()).orElse(null);
      this.scName = scJson == null ? null : names.securityConfigurationName(scJson);
    }

    Map<String, String> tags(boolean emrManagedTag) {
      Map<String, String> t = new TreeMap<>(spec.tags());
      t.put(ProfileProvisioner.OWNER_TAG, names.owner());
      if (emrManagedTag) {
        t.put(ProfileProvisioner.EMR_MANAGED_POLICY_TAG, "true");
      }
      return t;
    }
  }

  private CompletableFuture<Void> observe(Ctx ctx) {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (ResourceKind kind : ROLES) {
      all.add(observeRole(ctx, kind));
    }
    String profileName = ctx.names.name(ResourceKind.INSTANCE_PROFILE);
    all.add(
        read(
                ResourceKind.INSTANCE_PROFILE,
                profileName,
                () -> iam.getInstanceProfile(r -> r.instanceProfileName(profileName)),
                "NoSuchEntity")
            .thenAccept(r -> ctx.profile = r == null ? null : r.instanceProfile()));
    List<String> groupNames = GROUPS.stream().map(ctx.names::name).toList();
    all.add(
        read(
                ResourceKind.MASTER_SECURITY_GROUP,
                ctx.names.name(ResourceKind.MASTER_SECURITY_GROUP),
                () ->
                    ec2.describeSecurityGroups(
                        r ->
                            r.filters(
                                Filter.builder().name("vpc-id").values(ctx.spec.vpcId()).build(),
                                Filter.builder().name("group-name").values(groupNames).build())),
                null)
            .thenAccept(
                r -> {
                  for (SecurityGroup g : r.securityGroups()) {
                    for (ResourceKind kind : GROUPS) {
                      if (ctx.names.name(kind).equals(g.groupName())) {
                        ctx.groups.put(kind, g);
                      }
                    }
                  }
                }));
    all.add(
        store
            .profiles()
            .find(ctx.spec.ref())
            .thenAccept(r -> ctx.stored = r.map(StoredRecord::value).orElse(null)));
    if (ctx.scName != null) {
      all.add(
          read(
                  ResourceKind.SECURITY_CONFIGURATION,
                  ctx.scName,
                  () -> emr.describeSecurityConfiguration(r -> r.name(ctx.scName)),
                  "InvalidRequestException")
              .thenAccept(
                  r ->
                      ctx.scObserved =
                          r == null ? null : Policies.parse(r.securityConfiguration())));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              String old =
                  ctx.stored == null ? null : ctx.stored.securityConfigurationName().orElse(null);
              if (old == null
                  || old.equals(ctx.scName)
                  || !ctx.names.isOwnSecurityConfiguration(old)) {
                return CompletableFuture.completedFuture(null);
              }
              ctx.oldScName = old;
              return read(
                      ResourceKind.SECURITY_CONFIGURATION,
                      old,
                      () -> emr.describeSecurityConfiguration(r -> r.name(old)),
                      "InvalidRequestException")
                  .thenAccept(r -> ctx.oldScExists = r != null);
            })
        .thenRun(() -> checkOwnership(ctx));
  }

  private CompletableFuture<Void> observeRole(Ctx ctx, ResourceKind kind) {
    String name = ctx.names.name(kind);
    return read(kind, name, () -> iam.getRole(r -> r.roleName(name)), "NoSuchEntity")
        .thenCompose(
            r -> {
              if (r == null) {
                return CompletableFuture.completedFuture(null);
              }
              ctx.roles.put(kind, r.role());
              if (!owned(ctx, tagsOf(r.role().tags()))) {
                return CompletableFuture.completedFuture(null);
              }
              CompletableFuture<Void> inline =
                  read(kind, name, () -> iam.listRolePolicies(x -> x.roleName(name)), null)
                      .thenCompose(
                          list -> {
                            Map<String, JsonNode> docs = new ConcurrentHashMap<>();
                            ctx.inline.put(kind, docs);
                            List<CompletableFuture<?>> gets = new ArrayList<>();
                            for (String policy : list.policyNames()) {
                              gets.add(
                                  read(
                                          kind,
                                          name,
                                          () ->
                                              iam.getRolePolicy(
                                                  x -> x.roleName(name).policyName(policy)),
                                          null)
                                      .thenAccept(
                                          g ->
                                              docs.put(
                                                  policy, Policies.parse(g.policyDocument()))));
                            }
                            return CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new));
                          });
              CompletableFuture<Void> managed =
                  read(kind, name, () -> iam.listAttachedRolePolicies(x -> x.roleName(name)), null)
                      .thenAccept(
                          l -> {
                            Set<String> arns = new HashSet<>();
                            l.attachedPolicies().stream()
                                .map(AttachedPolicy::policyArn)
                                .forEach(arns::add);
                            ctx.attached.put(kind, arns);
                          });
              return CompletableFuture.allOf(inline, managed);
            });
  }

  private void checkOwnership(Ctx ctx) {
    String owner = ctx.names.owner();
    for (Map.Entry<ResourceKind, Role> e : ctx.roles.entrySet()) {
      String found = tagsOf(e.getValue().tags()).get(ProfileProvisioner.OWNER_TAG);
      if (!owner.equals(found)) {
        ctx.notOwned.put(
            e.getKey(),
            new ResourceNotOwnedException(e.getKey(), e.getValue().roleName(), found, owner));
      }
    }
    if (ctx.profile != null) {
      String found = tagsOf(ctx.profile.tags()).get(ProfileProvisioner.OWNER_TAG);
      if (!owner.equals(found)) {
        ctx.notOwned.put(
            ResourceKind.INSTANCE_PROFILE,
            new ResourceNotOwnedException(
                ResourceKind.INSTANCE_PROFILE, ctx.profile.instanceProfileName(), found, owner));
      }
    }
    for (Map.Entry<ResourceKind, SecurityGroup> e : ctx.groups.entrySet()) {
      Map<String, String> tags = new TreeMap<>();
      e.getValue().tags().forEach(t -> tags.put(t.key(), t.value()));
      String found = tags.get(ProfileProvisioner.OWNER_TAG);
      if (!owner.equals(found)) {
        ctx.notOwned.put(
            e.getKey(),
            new ResourceNotOwnedException(
                e.getKey(),
                e.getValue().groupName() + " (" + e.getValue().groupId() + ")",
                found,
                owner));
      } else {
        ctx.ids.put(e.getKey(), e.getValue().groupId());
      }
    }
    if (ctx.scObserved != null && !ctx.scObserved.equals(Policies.parse(ctx.scJson))) {
      ctx.notOwned.put(
          ResourceKind.SECURITY_CONFIGURATION,
          new ResourceNotOwnedException(
              ResourceKind.SECURITY_CONFIGURATION, ctx.scName, "(different content)", owner));
    }
  }

  private boolean owned(Ctx ctx, Map<String, String> tags) {
    return ctx.names.owner().equals(tags.get(ProfileProvisioner.OWNER_TAG));
  }

  private static Map<String, String> tagsOf(List<Tag> tags) {
    Map<String, String> m = new TreeMap<>();
    tags.forEach(t -> m.put(t.key(), t.value()));
    return m;
  }

  // ----- ops and plans ---------------------------------------------------------------------------

  /** One step: why, and the call that does it. */
  private record Op(
      ResourceKind kind,
      String name,
      String reason,
      String operation,
      Supplier<CompletableFuture<?>> call) {}

  /** The plan's entries and the ops that carry it out, in order. */
  private static final class Work {
    final Map<String, PlannedChange> changes = new LinkedHashMap<>();
    final List<Op> ops = new ArrayList<>();

    void entry(ResourceKind kind, String name, ChangeAction action, List<String> reasons) {
      put(new PlannedChange(kind, name, action, reasons));
    }

    void put(PlannedChange change) {
      changes.put(change.kind() + " " + change.name(), change);
    }

    void entry(ResourceKind kind, String name, boolean exists, List<Op> ops) {
      List<String> reasons = new ArrayList<>();
      if (!exists) {
        reasons.add("does not exist");
      }
      ops.forEach(o -> reasons.add(o.reason()));
      ChangeAction action =
          !exists
              ? ChangeAction.CREATE
              : ops.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
      entry(kind, name, action, action == ChangeAction.UNCHANGED ? List.of() : reasons);
    }

    ProvisioningPlan plan() {
      return new ProvisioningPlan(new ArrayList<>(changes.values()));
    }
  }

  private static final Predicate<Throwable> TRANSIENT = Retry::transientError;
  private static final Predicate<Throwable> IAM_PROPAGATION =
      t -> Retry.transientError(t) || Retry.code(t, "NoSuchEntity");
  private static final Predicate<Throwable> EC2_PROPAGATION =
      t -> Retry.transientError(t) || Retry.code(t, "InvalidGroup.NotFound");

  private Op op(
      ResourceKind kind,
      String name,
      String reason,
      String operation,
      Predicate<Throwable> retryable,
      Supplier<CompletableFuture<?>> call) {
    return new Op(kind, name, reason, operation, () -> retry.run(call::get, retryable));
  }

  private Work applyPlan(Ctx ctx) {
    if (!ctx.notOwned.isEmpty()) {
      throw ctx.notOwned.values().iterator().next();
    }
    Work work = new Work();
    for (ResourceKind kind : ROLES) {
      List<Op> ops = roleOps(ctx, kind);
      work.entry(kind, ctx.names.name(kind), ctx.roles.containsKey(kind), ops);
      work.ops.addAll(ops);
    }
    List<Op> profileOps = instanceProfileOps(ctx);
    work.entry(
        ResourceKind.INSTANCE_PROFILE,
        ctx.names.name(ResourceKind.INSTANCE_PROFILE),
        ctx.profile != null,
        profileOps);
    work.ops.addAll(profileOps);
    List<Op> ruleOps = new ArrayList<>();
    for (ResourceKind kind : GROUPS) {
      List<Op> create = groupOps(ctx, kind);
      List<Op> rules = ruleOps(ctx, kind);
      List<Op> both = new ArrayList<>(create);
      both.addAll(rules);
      work.entry(kind, ctx.names.name(kind), ctx.groups.containsKey(kind), both);
      work.ops.addAll(create);
      ruleOps.addAll(rules);
    }
    work.ops.addAll(ruleOps);
    if (ctx.scName != null) {
      List<Op> sc = new ArrayList<>();
      if (ctx.scObserved == null) {
        sc.add(
            op(
                ResourceKind.SECURITY_CONFIGURATION,
                ctx.scName,
                "create from SecurityConfiguration.toEmrJson()",
                "CreateSecurityConfiguration",
                Retry::throttled,
                () ->
                    emr.createSecurityConfiguration(
                        r -> r.name(ctx.scName).securityConfiguration(ctx.scJson))));
      }
      work.entry(ResourceKind.SECURITY_CONFIGURATION, ctx.scName, ctx.scObserved != null, sc);
      work.ops.addAll(sc);
    }
    // The record: compared with what is stored; saved with the real group ids once they exist.
    List<String> recordReasons = recordDifferences(ctx);
    String ref = ctx.names.owner();
    ChangeAction recordAction =
        ctx.stored == null
            ? ChangeAction.CREATE
            : recordReasons.isEmpty() ? ChangeAction.UNCHANGED : ChangeAction.UPDATE;
    work.entry(
        ResourceKind.PROFILE_RECORD,
        ref,
        recordAction,
        recordAction == ChangeAction.CREATE ? List.of("not stored yet") : recordReasons);
    if (recordAction != ChangeAction.UNCHANGED) {
      work.ops.add(
          new Op(
              ResourceKind.PROFILE_RECORD,
              ref,
              "save",
              "save profile",
              () ->
                  store
                      .profiles()
                      .save(desiredProfile(ctx, ctx.ids))
                      .thenAccept(r -> ctx.saved = r.value())));
    } else {
      ctx.saved = ctx.stored;
    }
    if (ctx.oldScName != null && ctx.oldScExists) {
      String why =
          (ctx.scName == null ? "no security configuration wanted" : "content changed")
              + ": "
              + ctx.oldScName
              + " is deleted once no active cluster uses it";
      PlannedChange current =
          ctx.scName == null
              ? null
              : work.changes.remove(ResourceKind.SECURITY_CONFIGURATION + " " + ctx.scName);
      if (current != null && current.action() == ChangeAction.CREATE) {
        List<String> reasons = new ArrayList<>(List.of(why));
        work.put(new PlannedChange(current.kind(), current.name(), ChangeAction.CREATE, reasons));
      } else {
        if (current != null) {
          work.put(current);
        }
        work.entry(
            ResourceKind.SECURITY_CONFIGURATION, ctx.oldScName, ChangeAction.DELETE, List.of(why));
      }
      work.ops.add(
          new Op(
              ResourceKind.SECURITY_CONFIGURATION,
              ctx.oldScName,
              "delete old",
              "DeleteSecurityConfiguration",
              () -> deleteIfUnused(ctx, ctx.oldScName)));
    }
    return work;
  }

  private List<Op> roleOps(Ctx ctx, ResourceKind kind) {
    String name = ctx.names.name(kind);
    List<Op> ops = new ArrayList<>();
    Role role = ctx.roles.get(kind);
    String trust = ctx.policies.trust(kind);
    Map<String, String> tags = ctx.tags(false);
    Optional<String> boundary = ctx.spec.permissionsBoundaryArn();
    Map<String, JsonNode> inline =
        role == null ? Map.of() : ctx.inline.getOrDefault(kind, Map.of());
    Set<String> attached = role == null ? Set.of() : ctx.attached.getOrDefault(kind, Set.of());
    if (role == null) {
      ops.add(
          op(
              kind,
              name,
              "create role (path " + ctx.spec.iamPath() + ")",
              "CreateRole",
              Retry::throttled,
              () ->
                  iam.createRole(
                      r ->
                          r.roleName(name)
                              .path(ctx.spec.iamPath())
                              .assumeRolePolicyDocument(trust)
                              .description("emr-launch profile " + ctx.names.owner())
                              .permissionsBoundary(boundary.orElse(null))
                              .tags(iamTags(tags)))));
    } else {
      if (!ctx.spec.iamPath().equals(role.path())) {
        ops.add(
            new Op(
                kind,
                name,
                "path " + role.path() + " differs from " + ctx.spec.iamPath(),
                "CreateRole",
                () ->
                    CompletableFuture.failedFuture(
                        new ProvisioningException(
                            kind,
                            name,
                            "IAM cannot move a role to another path: destroy the profile, then"
                                + " apply",
                            null))));
      }
      if (!Objects.equals(Policies.parse(role.assumeRolePolicyDocument()), Policies.parse(trust))) {
        ops.add(
            op(
                kind,
                name,
                "trust policy differs",
                "UpdateAssumeRolePolicy",
                TRANSIENT,
                () -> iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(trust))));
      }
      String current =
          role.permissionsBoundary() == null
              ? null
              : role.permissionsBoundary().permissionsBoundaryArn();
      if (!Objects.equals(current, boundary.orElse(null))) {
        ops.add(
            boundary.isPresent()
                ? op(
                    kind,
                    name,
                    "permissions boundary " + current + " -> " + boundary.get(),
                    "PutRolePermissionsBoundary",
                    TRANSIENT,
                    () ->
                        iam.putRolePermissionsBoundary(
                            r -> r.roleName(name).permissionsBoundary(boundary.get())))
                : op(
                    kind,
                    name,
                    "remove permissions boundary " + current,
                    "DeleteRolePermissionsBoundary",
                    TRANSIENT,
                    () -> iam.deleteRolePermissionsBoundary(r -> r.roleName(name))));
      }
      Map<String, String> currentTags = tagsOf(role.tags());
      Map<String, String> changed = new TreeMap<>();
      tags.forEach(
          (k, v) -> {
            if (!v.equals(currentTags.get(k))) {
              changed.put(k, v);
            }
          });
      if (!changed.isEmpty()) {
        ops.add(
            op(
                kind,
                name,
                "tags " + changed.keySet() + " differ",
                "TagRole",
                TRANSIENT,
                () -> iam.tagRole(r -> r.roleName(name).tags(iamTags(changed)))));
      }
      List<String> extra =
          currentTags.keySet().stream().filter(k -> !tags.containsKey(k)).sorted().toList();
      if (!extra.isEmpty()) {
        ops.add(
            op(
                kind,
                name,
                "tags " + extra + " no longer wanted",
                "UntagRole",
                TRANSIENT,
                () -> iam.untagRole(r -> r.roleName(name).tagKeys(extra))));
      }
    }
    for (String arn : new java.util.TreeSet<>(ctx.policies.managed(kind))) {
      if (!attached.contains(arn)) {
        ops.add(
            op(
                kind,
                name,
                "attach " + arn,
                "AttachRolePolicy",
                IAM_PROPAGATION,
                () -> iam.attachRolePolicy(r -> r.roleName(name).policyArn(arn))));
      }
    }
    for (String arn : new java.util.TreeSet<>(attached)) {
      if (!ctx.policies.managed(kind).contains(arn)) {
        ops.add(
            op(
                kind,
                name,
                "detach " + arn,
                "DetachRolePolicy",
                TRANSIENT,
                () -> iam.detachRolePolicy(r -> r.roleName(name).policyArn(arn))));
      }
    }
    Map<String, String> wanted = ctx.policies.inline(kind);
    wanted.forEach(
        (policy, doc) -> {
          JsonNode have = inline.get(policy);
          if (have == null || !have.equals(Policies.parse(doc))) {
            ops.add(
                op(
                    kind,
                    name,
                    (have == null ? "put" : "update") + " inline policy " + policy,
                    "PutRolePolicy",
                    IAM_PROPAGATION,
                    () ->
                        iam.putRolePolicy(
                            r -> r.roleName(name).policyName(policy).policyDocument(doc))));
          }
        });
    for (String policy : new java.util.TreeSet<>(inline.keySet())) {
      if (!wanted.containsKey(policy)) {
        ops.add(
            op(
                kind,
                name,
                "delete inline policy " + policy,
                "DeleteRolePolicy",
                TRANSIENT,
                () -> iam.deleteRolePolicy(r -> r.roleName(name).policyName(policy))));
      }
    }
    return ops;
  }

  private List<Op> instanceProfileOps(Ctx ctx) {
    ResourceKind kind = ResourceKind.INSTANCE_PROFILE;
    String name = ctx.names.name(kind);
    String roleName = ctx.names.name(ResourceKind.INSTANCE_ROLE);
    List<Op> ops = new ArrayList<>();
    List<String> members = new ArrayList<>();
    if (ctx.profile == null) {
      ops.add(
          op(
              kind,
              name,
              "create instance profile",
              "CreateInstanceProfile",
              Retry::throttled,
              () ->
                  iam.createInstanceProfile(
                      r ->
                          r.instanceProfileName(name)
                              .path(ctx.spec.iamPath())
                              .tags(iamTags(ctx.tags(false))))));
    } else {
      ctx.profile.roles().forEach(r -> members.add(r.roleName()));
    }
    for (String other : members) {
      if (!other.equals(roleName)) {
        ops.add(
            op(
                kind,
                name,
                "remove role " + other,
                "RemoveRoleFromInstanceProfile",
                TRANSIENT,
                () ->
                    iam.removeRoleFromInstanceProfile(
                        r -> r.instanceProfileName(name).roleName(other))));
      }
    }
    if (!members.contains(roleName)) {
      ops.add(
          op(
              kind,
              name,
              "add role " + roleName,
              "AddRoleToInstanceProfile",
              IAM_PROPAGATION,
              () ->
                  iam.addRoleToInstanceProfile(
                      r -> r.instanceProfileName(name).roleName(roleName))));
    }
    return ops;
  }

  private List<Op> groupOps(Ctx ctx, ResourceKind kind) {
    String name = ctx.names.name(kind);
    Map<String, String> tags = ctx.tags(true);
    List<Op> ops = new ArrayList<>();
    SecurityGroup g = ctx.groups.get(kind);
    if (g == null) {
      ops.add(
          new Op(
              kind,
              name,
              "create in " + ctx.spec.vpcId(),
              "CreateSecurityGroup",
              () ->
                  retry
                      .run(
                          () ->
                              ec2.createSecurityGroup(
                                  r ->
                                      r.vpcId(ctx.spec.vpcId())
                                          .groupName(name)
                                          .description(
                                              "EMR-managed "
                                                  + Names.shortKind(kind)
                                                  + " group of emr-launch profile "
                                                  + ctx.names.owner())
                                          .tagSpecifications(
                                              TagSpecification.builder()
                                                  .resourceType(ResourceType.SECURITY_GROUP)
                                                  .tags(ec2Tags(tags))
                                                  .build())),
                          Retry::throttled)
                      .thenAccept(r -> ctx.ids.put(kind, r.groupId()))));
      return ops;
    }
    Map<String, String> current = new TreeMap<>();
    g.tags().forEach(t -> current.put(t.key(), t.value()));
    Map<String, String> changed = new TreeMap<>();
    tags.forEach(
        (k, v) -> {
          if (!v.equals(current.get(k))) {
            changed.put(k, v);
          }
        });
    if (!changed.isEmpty()) {
      ops.add(
          op(
              kind,
              name,
              "tags " + changed.keySet() + " differ",
              "CreateTags",
              TRANSIENT,
              () -> ec2.createTags(r -> r.resources(g.groupId()).tags(ec2Tags(changed)))));
    }
    List<String> extra =
        current.keySet().stream()
            .filter(k -> !tags.containsKey(k) && !k.startsWith("aws:"))
            .sorted()
            .toList();
    if (!extra.isEmpty()) {
      ops.add(
          op(
              kind,
              name,
              "tags " + extra + " no longer wanted",
              "DeleteTags",
              TRANSIENT,
              () ->
                  ec2.deleteTags(
                      r ->
                          r.resources(g.groupId())
                              .tags(
                                  extra.stream()
                                      .map(
                                          k ->
                                              software.amazon.awssdk.services.ec2.model.Tag
                                                  .builder()
                                                  .key(k)
                                                  .build())
                                      .toList()))));
    }
    return ops;
  }

  private List<Op> ruleOps(Ctx ctx, ResourceKind kind) {
    String name = ctx.names.name(kind);
    SecurityGroup g = ctx.groups.get(kind);
    Map<String, ResourceKind> byId = new LinkedHashMap<>();
    ctx.ids.forEach((k, id) -> byId.put(id, k));
    List<SgRule> have = new ArrayList<>();
    if (g == null) {
      have.add(SgRule.DEFAULT_EGRESS);
    } else {
      have.addAll(SgRule.observed(g.ipPermissions(), true, byId));
      have.addAll(SgRule.observed(g.ipPermissionsEgress(), false, byId));
    }
    List<SgRule> want = SgRule.desired(kind);
    List<SgRule> missingIn = want.stream().filter(r -> r.ingress() && !have.contains(r)).toList();
    List<SgRule> missingOut = want.stream().filter(r -> !r.ingress() && !have.contains(r)).toList();
    List<Op> ops = new ArrayList<>();
    if (!missingIn.isEmpty()) {
      ops.add(
          op(
              kind,
              name,
              "add " + missingIn,
              "AuthorizeSecurityGroupIngress",
              EC2_PROPAGATION,
              () ->
                  ec2.authorizeSecurityGroupIngress(
                      r ->
                          r.groupId(ctx.ids.get(kind))
                              .ipPermissions(permissions(missingIn, ctx.ids)))));
    }
    if (!missingOut.isEmpty()) {
      ops.add(
          op(
              kind,
              name,
              "add " + missingOut,
              "AuthorizeSecurityGroupEgress",
              EC2_PROPAGATION,
              () ->
                  ec2.authorizeSecurityGroupEgress(
                      r ->
                          r.groupId(ctx.ids.get(kind))
                              .ipPermissions(permissions(missingOut, ctx.ids)))));
    }
    if (!want.contains(SgRule.DEFAULT_EGRESS) && have.contains(SgRule.DEFAULT_EGRESS)) {
      ops.add(
          op(
              kind,
              name,
              "revoke the default all-traffic egress",
              "RevokeSecurityGroupEgress",
              EC2_PROPAGATION,
              () ->
                  ec2.revokeSecurityGroupEgress(
                      r ->
                          r.groupId(ctx.ids.get(kind))
                              .ipPermissions(SgRule.DEFAULT_EGRESS.toPermission(ctx.ids)))));
    }
    return ops;
  }

  private static List<IpPermission> permissions(List<SgRule> rules, Map<ResourceKind, String> ids) {
    return rules.stream().map(r -> r.toPermission(ids)).toList();
  }

  // ----- the record ------------------------------------------------------------------------------

  private EmrProfile desiredProfile(Ctx ctx, Map<ResourceKind, String> ids) {
    ProvisioningSpec spec = ctx.spec;
    var b =
        EmrProfile.builder()
            .namespace(spec.namespace())
            .name(spec.name())
            .serviceRole(ctx.names.roleArn(ResourceKind.SERVICE_ROLE))
            .instanceRole(ctx.names.roleArn(ResourceKind.INSTANCE_ROLE))
            .autoScalingRole(ctx.names.roleArn(ResourceKind.AUTO_SCALING_ROLE))
            .vpcId(spec.vpcId())
            .logsBucket(spec.logsBucket())
            .logsPrefix(spec.logsPrefix());
    spec.description().ifPresent(b::description);
    Optional.ofNullable(ids.get(ResourceKind.MASTER_SECURITY_GROUP))
        .ifPresent(b::masterSecurityGroup);
    Optional.ofNullable(ids.get(ResourceKind.WORKERS_SECURITY_GROUP))
        .ifPresent(b::workersSecurityGroup);
    Optional.ofNullable(ids.get(ResourceKind.SERVICE_ACCESS_SECURITY_GROUP))
        .ifPresent(b::serviceAccessSecurityGroup);
    if (ctx.scName != null) {
      b.securityConfigurationName(ctx.scName);
      b.securityConfiguration(spec.securityConfiguration().get());
    }
    spec.artifactsBucket().ifPresent(b::artifactsBucket);
    if (spec.artifactsBucket().isPresent() && !spec.artifactsPrefix().isEmpty()) {
      b.artifactsPrefix(spec.artifactsPrefix());
    }
    spec.kerberosAttributesSecretArn().ifPresent(b::kerberosAttributesSecretArn);
    return b.build();
  }

  private List<String> recordDifferences(Ctx ctx) {
    if (ctx.stored == null) {
      return List.of();
    }
    Map<ResourceKind, String> ids = new EnumMap<>(ResourceKind.class);
    ids.putAll(ctx.ids);
    for (ResourceKind kind : GROUPS) {
      ids.putIfAbsent(kind, "(new group)");
    }
    EmrProfile want = desiredProfile(ctx, ids);
    EmrProfile have = ctx.stored;
    Map<String, Function<EmrProfile, Object>> fields = new LinkedHashMap<>();
    fields.put("description", EmrProfile::description);
    fields.put("serviceRole", EmrProfile::serviceRole);
    fields.put("instanceRole", EmrProfile::instanceRole);
    // instanceProfile is left out: it has the instance role's name, so launches derive it (and the
    // aws-emr-launch record format does not store it).
    fields.put("autoScalingRole", EmrProfile::autoScalingRole);
    fields.put("vpcId", EmrProfile::vpcId);
    fields.put("masterSecurityGroup", EmrProfile::masterSecurityGroup);
    fields.put("workersSecurityGroup", EmrProfile::workersSecurityGroup);
    fields.put("serviceAccessSecurityGroup", EmrProfile::serviceAccessSecurityGroup);
    fields.put("securityConfigurationName", EmrProfile::securityConfigurationName);
    fields.put("securityConfiguration", EmrProfile::securityConfiguration);
    fields.put("logsBucket", EmrProfile::logsBucket);
    fields.put("logsPrefix", EmrProfile::logsPrefix);
    fields.put("artifactsBucket", EmrProfile::artifactsBucket);
    fields.put("artifactsPrefix", EmrProfile::artifactsPrefix);
    fields.put("kerberosAttributesSecretArn", EmrProfile::kerberosAttributesSecretArn);
    List<String> reasons = new ArrayList<>();
    fields.forEach(
        (field, get) -> {
          Object a = unwrapOptional(get.apply(have));
          Object b = unwrapOptional(get.apply(want));
          if (!Objects.equals(a, b)) {
            reasons.add(
                field
                    + ": "
                    + (field.equals("securityConfiguration") ? "content changed" : a + " -> " + b));
          }
        });
    return reasons;
  }

  private static Object unwrapOptional(Object o) {
    return o instanceof Optional<?> opt ? opt.orElse(null) : o;
  }

  // ----- destroy ---------------------------------------------------------------------------------

  private Work destroyPlan(Ctx ctx) {
    Work work = new Work();
    List<Op> revokes = new ArrayList<>();
    List<Op> deletes = new ArrayList<>();
    // Security configurations first: they reference nothing, but are the cheapest to recreate.
    for (String sc : scNames(ctx)) {
      work.entry(ResourceKind.SECURITY_CONFIGURATION, sc, ChangeAction.DELETE, List.of("destroy"));
      work.ops.add(
          op(
              ResourceKind.SECURITY_CONFIGURATION,
              sc,
              "delete",
              "DeleteSecurityConfiguration",
              TRANSIENT,
              () -> emr.deleteSecurityConfiguration(r -> r.name(sc))));
    }
    if (ctx.stored != null) {
      work.entry(
          ResourceKind.PROFILE_RECORD, ctx.names.owner(), ChangeAction.DELETE, List.of("destroy"));
      work.ops.add(
          new Op(
              ResourceKind.PROFILE_RECORD,
              ctx.names.owner(),
              "delete",
              "delete profile",
              () -> store.profiles().delete(ctx.spec.ref())));
    } else {
      work.entry(
          ResourceKind.PROFILE_RECORD,
          ctx.names.owner(),
          ChangeAction.UNCHANGED,
          List.of("not stored"));
    }
    Map<String, ResourceKind> byId = new LinkedHashMap<>();
    ctx.ids.forEach((k, id) -> byId.put(id, k));
    for (ResourceKind kind : GROUPS) {
      String name = ctx.names.name(kind);
      SecurityGroup g = ctx.groups.get(kind);
      if (g == null || ctx.notOwned.containsKey(kind)) {
        work.entry(
            kind,
            name,
            ChangeAction.UNCHANGED,
            List.of(g == null ? "does not exist" : "not owned: left alone"));
        continue;
      }
      List<IpPermission> in =
          g.ipPermissions().stream().filter(p -> referencesOwn(p, byId)).toList();
      List<IpPermission> out =
          g.ipPermissionsEgress().stream().filter(p -> referencesOwn(p, byId)).toList();
      if (!in.isEmpty()) {
        revokes.add(
            op(
                kind,
                name,
                "revoke ingress between the profile's groups",
                "RevokeSecurityGroupIngress",
                TRANSIENT,
                () ->
                    ec2.revokeSecurityGroupIngress(r -> r.groupId(g.groupId()).ipPermissions(in))));
      }
      if (!out.isEmpty()) {
        revokes.add(
            op(
                kind,
                name,
                "revoke egress between the profile's groups",
                "RevokeSecurityGroupEgress",
                TRANSIENT,
                () ->
                    ec2.revokeSecurityGroupEgress(r -> r.groupId(g.groupId()).ipPermissions(out))));
      }
      deletes.add(
          op(
              kind,
              name,
              "delete " + g.groupId(),
              "DeleteSecurityGroup",
              t -> Retry.transientError(t) || Retry.code(t, "DependencyViolation"),
              () -> ec2.deleteSecurityGroup(r -> r.groupId(g.groupId()))));
      work.entry(kind, name + " (" + g.groupId() + ")", ChangeAction.DELETE, List.of("destroy"));
    }
    work.ops.addAll(revokes);
    work.ops.addAll(deletes);
    ResourceKind ipKind = ResourceKind.INSTANCE_PROFILE;
    String ipName = ctx.names.name(ipKind);
    if (ctx.profile == null || ctx.notOwned.containsKey(ipKind)) {
      work.entry(
          ipKind,
          ipName,
          ChangeAction.UNCHANGED,
          List.of(ctx.profile == null ? "does not exist" : "not owned: left alone"));
    } else {
      for (Role member : ctx.profile.roles()) {
        work.ops.add(
            op(
                ipKind,
                ipName,
                "remove role",
                "RemoveRoleFromInstanceProfile",
                TRANSIENT,
                () ->
                    iam.removeRoleFromInstanceProfile(
                        r -> r.instanceProfileName(ipName).roleName(member.roleName()))));
      }
      work.ops.add(
          op(
              ipKind,
              ipName,
              "delete",
              "DeleteInstanceProfile",
              TRANSIENT,
              () -> iam.deleteInstanceProfile(r -> r.instanceProfileName(ipName))));
      work.entry(ipKind, ipName, ChangeAction.DELETE, List.of("destroy"));
    }
    for (ResourceKind kind : ROLES) {
      String name = ctx.names.name(kind);
      if (!ctx.roles.containsKey(kind) || ctx.notOwned.containsKey(kind)) {
        work.entry(
            kind,
            name,
            ChangeAction.UNCHANGED,
            List.of(!ctx.roles.containsKey(kind) ? "does not exist" : "not owned: left alone"));
        continue;
      }
      for (String arn : new java.util.TreeSet<>(ctx.attached.getOrDefault(kind, Set.of()))) {
        work.ops.add(
            op(
                kind,
                name,
                "detach",
                "DetachRolePolicy",
                TRANSIENT,
                () -> iam.detachRolePolicy(r -> r.roleName(name).policyArn(arn))));
      }
      for (String policy :
          new java.util.TreeSet<>(ctx.inline.getOrDefault(kind, Map.of()).keySet())) {
        work.ops.add(
            op(
                kind,
                name,
                "delete inline",
                "DeleteRolePolicy",
                TRANSIENT,
                () -> iam.deleteRolePolicy(r -> r.roleName(name).policyName(policy))));
      }
      work.ops.add(
          op(
              kind,
              name,
              "delete",
              "DeleteRole",
              TRANSIENT,
              () -> iam.deleteRole(r -> r.roleName(name))));
      work.entry(kind, name, ChangeAction.DELETE, List.of("destroy"));
    }
    return work;
  }

  private static boolean referencesOwn(IpPermission p, Map<String, ResourceKind> byId) {
    return p.userIdGroupPairs().stream().anyMatch(pair -> byId.containsKey(pair.groupId()));
  }

  private List<String> scNames(Ctx ctx) {
    List<String> names = new ArrayList<>();
    if (ctx.scObserved != null && !ctx.notOwned.containsKey(ResourceKind.SECURITY_CONFIGURATION)) {
      names.add(ctx.scName);
    }
    if (ctx.oldScName != null && ctx.oldScExists) {
      names.add(ctx.oldScName);
    }
    return names;
  }

  /** Fails with {@link ResourceInUseException} when an active cluster uses the profile. */
  private CompletableFuture<Void> checkNotInUse(Ctx ctx) {
    return activeClusters()
        .thenAccept(
            clusters -> {
              Set<String> scs = new HashSet<>(scNames(ctx));
              for (Cluster c : clusters) {
                if (c.securityConfiguration() != null && scs.contains(c.securityConfiguration())) {
                  throw new ResourceInUseException(
                      ResourceKind.SECURITY_CONFIGURATION, c.securityConfiguration(), c.id());
                }
                var attrs = c.ec2InstanceAttributes();
                for (ResourceKind kind : GROUPS) {
                  String id = ctx.ids.get(kind);
                  if (id != null
                      && attrs != null
                      && (id.equals(attrs.emrManagedMasterSecurityGroup())
                          || id.equals(attrs.emrManagedSlaveSecurityGroup())
                          || id.equals(attrs.serviceAccessSecurityGroup()))) {
                    throw new ResourceInUseException(kind, ctx.names.name(kind), c.id());
                  }
                }
                String service = ctx.names.name(ResourceKind.SERVICE_ROLE);
                if (c.serviceRole() != null
                    && (c.serviceRole().equals(service)
                        || c.serviceRole().endsWith("/" + service))) {
                  throw new ResourceInUseException(ResourceKind.SERVICE_ROLE, service, c.id());
                }
              }
            });
  }

  private CompletableFuture<Void> deleteIfUnused(Ctx ctx, String name) {
    return activeClusters()
        .thenCompose(
            clusters -> {
              for (Cluster c : clusters) {
                if (name.equals(c.securityConfiguration())) {
                  ctx.notes.add(
                      "security configuration "
                          + name
                          + " kept: active cluster "
                          + c.id()
                          + " uses it; the next apply deletes it");
                  return CompletableFuture.completedFuture(null);
                }
              }
              return retry
                  .run(() -> emr.deleteSecurityConfiguration(r -> r.name(name)), TRANSIENT)
                  .thenApply(x -> (Void) null);
            });
  }

  private CompletableFuture<List<Cluster>> activeClusters() {
    List<ClusterSummary> summaries = Collections.synchronizedList(new ArrayList<>());
    return listPage(null, summaries)
        .thenCompose(
            v -> {
              List<CompletableFuture<Cluster>> described = new ArrayList<>();
              for (ClusterSummary s : summaries) {
                described.add(
                    retry
                        .run(() -> emr.describeCluster(r -> r.clusterId(s.id())), TRANSIENT)
                        .thenApply(r -> r.cluster()));
              }
              return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new))
                  .thenApply(x -> described.stream().map(CompletableFuture::join).toList());
            });
  }

  private CompletableFuture<Void> listPage(String marker, List<ClusterSummary> into) {
    return retry
        .run(() -> emr.listClusters(r -> r.clusterStates(ACTIVE).marker(marker)), TRANSIENT)
        .thenCompose(
            r -> {
              into.addAll(r.clusters());
              return r.marker() == null
                  ? CompletableFuture.completedFuture(null)
                  : listPage(r.marker(), into);
            });
  }

  // ----- running ---------------------------------------------------------------------------------

  private CompletableFuture<Void> run(List<Op> ops) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (Op o : ops) {
      chain =
          chain.thenCompose(
              v ->
                  o.call()
                      .get()
                      .handle(
                          (x, e) -> {
                            if (e == null) {
                              return null;
                            }
                            Throwable cause = Retry.unwrap(e);
                            if (cause instanceof ProvisioningException p) {
                              throw p;
                            }
                            throw new ProvisioningException(
                                o.kind(),
                                o.name(),
                                o.operation()
                                    + " failed ("
                                    + o.reason()
                                    + "): "
                                    + cause.getMessage()
                                    + ". Nothing after this step ran; apply again to resume.",
                                cause);
                          }));
    }
    return chain;
  }

  /** A read, retried on transient errors; {@code absentCode} maps to a null result. */
  private <T> CompletableFuture<T> read(
      ResourceKind kind, String name, Supplier<CompletableFuture<T>> call, String absentCode) {
    return retry
        .run(call, TRANSIENT)
        .handle(
            (r, e) -> {
              if (e == null) {
                return r;
              }
              if (absentCode != null && Retry.code(e, absentCode)) {
                return null;
              }
              Throwable cause = Retry.unwrap(e);
              throw new ProvisioningException(
                  kind, name, "reading failed: " + cause.getMessage(), cause);
            });
  }

  private static List<Tag> iamTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static List<software.amazon.awssdk.services.ec2.model.Tag> ec2Tags(
      Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(
            e ->
                software.amazon.awssdk.services.ec2.model.Tag.builder()
                    .key(e.getKey())
                    .value(e.getValue())
                    .build())
        .toList();
  }
}
