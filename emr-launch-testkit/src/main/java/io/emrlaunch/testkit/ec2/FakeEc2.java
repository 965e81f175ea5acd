package io.emrlaunch.testkit.ec2;

import io.emrlaunch.testkit.internal.Ec2Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcState;

/**
 * An in-memory EC2 for tests, limited to what provisioning EMR's network security needs: VPCs and
 * security groups with tags and rules.
 *
 * <p>Each public operation mirrors the {@code Ec2Client} method of the same name and fails with an
 * {@code Ec2Exception} carrying EC2's error code ({@code InvalidGroup.NotFound}, {@code
 * InvalidGroup.Duplicate}, {@code InvalidPermission.Duplicate}, {@code InvalidPermission.NotFound},
 * {@code InvalidVpcID.NotFound}, {@code DependencyViolation}). As in EC2, a new group allows all
 * outbound traffic, a group name is unique per VPC, and a group that another group's rule
 * references cannot be deleted. Rules are answered one permission per peer.
 *
 * <p>DescribeSecurityGroups understands the filters {@code vpc-id}, {@code group-name}, {@code
 * group-id}, {@code tag-key} and {@code tag:<key>}.
 */
public final class FakeEc2 {
  private final String accountId;
  private final Random random;
  private final Map<String, VpcState0> vpcs = new LinkedHashMap<>();
  private final Map<String, GroupState> groups = new LinkedHashMap<>();

  private FakeEc2(Builder b) {
    this.accountId = b.accountId;
    this.random = new Random(b.seed);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Ids of all security groups, in creation order. */
  public synchronized List<String> securityGroupIds() {
    return List.copyOf(groups.keySet());
  }

  /** CreateVpc. */
  public synchronized CreateVpcResponse createVpc(CreateVpcRequest request) {
    VpcState0 vpc = new VpcState0();
    vpc.id = "vpc-" + hex(17);
    vpc.cidr = request.cidrBlock() == null ? "10.0.0.0/16" : request.cidrBlock();
    for (TagSpecification spec : request.tagSpecifications()) {
      spec.tags().forEach(t -> vpc.tags.put(t.key(), t.value()));
    }
    vpcs.put(vpc.id, vpc);
    return CreateVpcResponse.builder().vpc(vpc.toVpc()).build();
  }

  /** DescribeVpcs by id. */
  public synchronized DescribeVpcsResponse describeVpcs(DescribeVpcsRequest request) {
    List<Vpc> result = new ArrayList<>();
    if (request.vpcIds().isEmpty()) {
      vpcs.values().forEach(v -> result.add(v.toVpc()));
    } else {
      for (String id : request.vpcIds()) {
        VpcState0 v = vpcs.get(id);
        if (v == null) {
          throw error("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
        }
        result.add(v.toVpc());
      }
    }
    return DescribeVpcsResponse.builder().vpcs(result).build();
  }

  /** CreateSecurityGroup: with the default rule allowing all outbound traffic. */
  public synchronized CreateSecurityGroupResponse createSecurityGroup(
      CreateSecurityGroupRequest request) {
    String vpcId = request.vpcId();
    if (vpcId == null || !vpcs.containsKey(vpcId)) {
      throw error("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
    }
    if (request.groupName() == null || request.groupName().isEmpty()) {
      throw error("MissingParameter", "The request must contain the parameter groupName");
    }
    if (request.description() == null) {
      throw error("MissingParameter", "The request must contain the parameter groupDescription");
    }
    for (GroupState g : groups.values()) {
      if (g.vpcId.equals(vpcId) && g.name.equals(request.groupName())) {
        throw error(
            "InvalidGroup.Duplicate",
            "The security group '"
                + request.groupName()
                + "' already exists for VPC '"
                + vpcId
                + "'");
      }
    }
    GroupState g = new GroupState();
    g.id = "sg-" + hex(17);
    g.name = request.groupName();
    g.description = request.description();
    g.vpcId = vpcId;
    for (TagSpecification spec : request.tagSpecifications()) {
      if (spec.resourceType() == ResourceType.SECURITY_GROUP) {
        spec.tags().forEach(t -> g.tags.put(t.key(), t.value()));
      }
    }
    g.egress.add(new Rule("-1", null, null, "0.0.0.0/0", null));
    groups.put(g.id, g);
    return CreateSecurityGroupResponse.builder().groupId(g.id).build();
  }

  /** DescribeSecurityGroups by ids and/or filters. */
  public synchronized DescribeSecurityGroupsResponse describeSecurityGroups(
      DescribeSecurityGroupsRequest request) {
    List<SecurityGroup> result = new ArrayList<>();
    for (String id : request.groupIds()) {
      if (!groups.containsKey(id)) {
        throw error("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
      }
    }
    for (GroupState g : groups.values()) {
      if (!request.groupIds().isEmpty() && !request.groupIds().contains(g.id)) {
        continue;
      }
      if (!request.groupNames().isEmpty() && !request.groupNames().contains(g.name)) {
        continue;
      }
      if (request.filters().stream().allMatch(f -> matches(g, f))) {
        result.add(g.toGroup());
      }
    }
    return DescribeSecurityGroupsResponse.builder().securityGroups(result).build();
  }

  /** DeleteSecurityGroup: refused while another group's rule references it. */
  public synchronized DeleteSecurityGroupResponse deleteSecurityGroup(
      DeleteSecurityGroupRequest request) {
    GroupState g = group(request.groupId());
    for (GroupState other : groups.values()) {
      if (other != g && other.references(g.id)) {
        throw error("DependencyViolation", "resource " + g.id + " has a dependent object");
      }
    }
    groups.remove(g.id);
    return DeleteSecurityGroupResponse.builder().build();
  }

  /** AuthorizeSecurityGroupIngress. */
  public synchronized AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(
      AuthorizeSecurityGroupIngressRequest request) {
    add(group(request.groupId()).ingress, request.ipPermissions());
    return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).build();
  }

  /** AuthorizeSecurityGroupEgress. */
  public synchronized AuthorizeSecurityGroupEgressResponse authorizeSecurityGroupEgress(
      AuthorizeSecurityGroupEgressRequest request) {
    add(group(request.groupId()).egress, request.ipPermissions());
    return AuthorizeSecurityGroupEgressResponse.builder().returnValue(true).build();
  }

  /** RevokeSecurityGroupIngress. */
  public synchronized RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(
      RevokeSecurityGroupIngressRequest request) {
    remove(group(request.groupId()).ingress, request.ipPermissions());
    return RevokeSecurityGroupIngressResponse.builder().returnValue(true).build();
  }

  /** RevokeSecurityGroupEgress. */
  public synchronized RevokeSecurityGroupEgressResponse revokeSecurityGroupEgress(
      RevokeSecurityGroupEgressRequest request) {
    remove(group(request.groupId()).egress, request.ipPermissions());
    return RevokeSecurityGroupEgressResponse.builder().returnValue(true).build();
  }

  /** CreateTags on security groups and VPCs. */
  public synchronized CreateTagsResponse createTags(CreateTagsRequest request) {
    for (String id : request.resources()) {
      Map<String, String> tags = tagsOf(id);
      request.tags().forEach(t -> tags.put(t.key(), t.value()));
    }
    return CreateTagsResponse.builder().build();
  }

  /** DeleteTags on security groups and VPCs. */
  public synchronized DeleteTagsResponse deleteTags(DeleteTagsRequest request) {
    for (String id : request.resources()) {
      Map<String, String> tags = tagsOf(id);
      request.tags().forEach(t -> tags.remove(t.key()));
    }
    return DeleteTagsResponse.builder().build();
  }

  // ----- helpers ---------------------------------------------------------------------------------

  private Map<String, String> tagsOf(String id) {
    if (groups.containsKey(id)) {
      return groups.get(id).tags;
    }
    if (vpcs.containsKey(id)) {
      return vpcs.get(id).tags;
    }
    throw error(
        id.startsWith("sg-") ? "InvalidGroup.NotFound" : "InvalidID",
        "The ID '" + id + "' is not valid");
  }

  private GroupState group(String id) {
    GroupState g = id == null ? null : groups.get(id);
    if (g == null) {
      throw error("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    }
    return g;
  }

  private List<Rule> expand(List<IpPermission> permissions) {
    List<Rule> rules = new ArrayList<>();
    for (IpPermission p : permissions) {
      String protocol = protocol(p.ipProtocol());
      Integer from = "-1".equals(protocol) ? null : p.fromPort();
      Integer to = "-1".equals(protocol) ? null : p.toPort();
      for (IpRange r : p.ipRanges()) {
        rules.add(new Rule(protocol, from, to, r.cidrIp(), null));
      }
      for (UserIdGroupPair pair : p.userIdGroupPairs()) {
        group(pair.groupId());
        rules.add(new Rule(protocol, from, to, null, pair.groupId()));
      }
    }
    return rules;
  }

  private void add(Set<Rule> target, List<IpPermission> permissions) {
    List<Rule> rules = expand(permissions);
    for (Rule r : rules) {
      if (target.contains(r)) {
        throw error(
            "InvalidPermission.Duplicate", "the specified rule \"" + r + "\" already exists");
      }
    }
    target.addAll(rules);
  }

  private void remove(Set<Rule> target, List<IpPermission> permissions) {
    List<Rule> rules = expand(permissions);
    for (Rule r : rules) {
      if (!target.contains(r)) {
        throw error(
            "InvalidPermission.NotFound",
            "The specified rule does not exist in this security group.");
      }
    }
    rules.forEach(target::remove);
  }

  private static String protocol(String p) {
    if (p == null) {
      throw error("MissingParameter", "The request must contain the parameter ipProtocol");
    }
    switch (p.toLowerCase(Locale.ROOT)) {
      case "-1":
      case "all":
        return "-1";
      case "6":
      case "tcp":
        return "tcp";
      case "17":
      case "udp":
        return "udp";
      case "1":
      case "icmp":
        return "icmp";
      default:
        throw error("InvalidParameterValue", "Invalid value '" + p + "' for IP protocol.");
    }
  }

  private static boolean matches(GroupState g, Filter f) {
    String name = f.name();
    List<String> values = f.values();
    if (name.equals("vpc-id")) {
      return values.contains(g.vpcId);
    }
    if (name.equals("group-name")) {
      return values.contains(g.name);
    }
    if (name.equals("group-id")) {
      return values.contains(g.id);
    }
    if (name.equals("tag-key")) {
      return values.stream().anyMatch(g.tags::containsKey);
    }
    if (name.startsWith("tag:")) {
      String v = g.tags.get(name.substring(4));
      return v != null && values.contains(v);
    }
    throw error("InvalidParameterValue", "The filter '" + name + "' is invalid");
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static AwsServiceException error(String code, String message) {
    return Ec2Service.DESCRIPTOR.error(code, 400, message);
  }

  private static List<Tag> tags(Map<String, String> tags) {
    List<Tag> result = new ArrayList<>();
    tags.forEach((k, v) -> result.add(Tag.builder().key(k).value(v).build()));
    return result;
  }

  private record Rule(String protocol, Integer from, Integer to, String cidr, String groupId) {
    IpPermission toPermission(String ownerId) {
      IpPermission.Builder b = IpPermission.builder().ipProtocol(protocol);
      if (from != null) {
        b.fromPort(from);
      }
      if (to != null) {
        b.toPort(to);
      }
      if (cidr != null) {
        b.ipRanges(IpRange.builder().cidrIp(cidr).build());
      } else {
        b.userIdGroupPairs(UserIdGroupPair.builder().groupId(groupId).userId(ownerId).build());
      }
      return b.build();
    }
  }

  private static final class VpcState0 {
    String id;
    String cidr;
    final Map<String, String> tags = new TreeMap<>();

    Vpc toVpc() {
      return Vpc.builder()
          .vpcId(id)
          .cidrBlock(cidr)
          .state(VpcState.AVAILABLE)
          .isDefault(false)
          .tags(tags(tags))
          .build();
    }
  }

  private final class GroupState {
    String id;
    String name;
    String description;
    String vpcId;
    final Map<String, String> tags = new TreeMap<>();
    final Set<Rule> ingress = new LinkedHashSet<>();
    final Set<Rule> egress = new LinkedHashSet<>();

    boolean references(String groupId) {
      return ingress.stream().anyMatch(r -> groupId.equals(r.groupId()))
          || egress.stream().anyMatch(r -> groupId.equals(r.groupId()));
    }

    SecurityGroup toGroup() {
      List<IpPermission> in = new ArrayList<>();
      ingress.forEach(r -> in.add(r.toPermission(accountId)));
      List<IpPermission> out = new ArrayList<>();
      egress.forEach(r -> out.add(r.toPermission(accountId)));
      return SecurityGroup.builder()
          .groupId(id)
          .groupName(name)
          .description(description)
          .vpcId(vpcId)
          .ownerId(accountId)
          .ipPermissions(in)
          .ipPermissionsEgress(out)
          .tags(tags(tags))
          .build();
    }
  }

  /** Builds a {@link FakeEc2}. */
  public static final class Builder {
    private String accountId = "123456789012";
    private long seed = 1;

    private Builder() {}

    /** The account that owns the groups; default {@code 123456789012}. */
    public Builder accountId(String accountId) {
      this.accountId = Objects.requireNonNull(accountId, "accountId");
      return this;
    }

    /** Seed of VPC and group ids. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The fake. */
    public FakeEc2 build() {
      return new FakeEc2(this);
    }
  }
}
