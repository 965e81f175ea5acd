package io.emrlaunch.provisioning.internal;

import io.emrlaunch.provisioning.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * One security group rule, normalised: protocol ({@code tcp}, {@code udp}, {@code icmp}, {@code
 * -1}), port range ({@code null} for all traffic), and a peer that is either one of the profile's
 * groups or a CIDR.
 */
public record SgRule(
    boolean ingress, String protocol, Integer from, Integer to, ResourceKind peer, String cidr) {

  static SgRule in(String protocol, int from, int to, ResourceKind peer) {
    return new SgRule(true, protocol, from, to, peer, null);
  }

  static SgRule out(String protocol, int from, int to, ResourceKind peer) {
    return new SgRule(false, protocol, from, to, peer, null);
  }

  /** The rule every new group starts with: all outbound traffic. */
  static final SgRule DEFAULT_EGRESS = new SgRule(false, "-1", null, null, null, "0.0.0.0/0");

  /** All traffic between groups, as EMR's documentation lists it: all TCP, all UDP, all ICMP. */
  static List<SgRule> allFrom(ResourceKind peer) {
    return List.of(in("tcp", 0, 65535, peer), in("udp", 0, 65535, peer), in("icmp", -1, -1, peer));
  }

  /** The desired rules of each group (EMR-managed security groups for private subnets). */
  public static List<SgRule> desired(ResourceKind group) {
    List<SgRule> rules = new ArrayList<>();
    switch (group) {
      case MASTER_SECURITY_GROUP:
        rules.addAll(allFrom(ResourceKind.MASTER_SECURITY_GROUP));
        rules.addAll(allFrom(ResourceKind.WORKERS_SECURITY_GROUP));
        rules.add(in("tcp", 8443, 8443, ResourceKind.SERVICE_ACCESS_SECURITY_GROUP));
        rules.add(DEFAULT_EGRESS);
        break;
      case WORKERS_SECURITY_GROUP:
        rules.addAll(allFrom(ResourceKind.WORKERS_SECURITY_GROUP));
        rules.addAll(allFrom(ResourceKind.MASTER_SECURITY_GROUP));
        rules.add(in("tcp", 8443, 8443, ResourceKind.SERVICE_ACCESS_SECURITY_GROUP));
        rules.add(DEFAULT_EGRESS);
        break;
      case SERVICE_ACCESS_SECURITY_GROUP:
        rules.add(in("tcp", 9443, 9443, ResourceKind.MASTER_SECURITY_GROUP));
        rules.add(out("tcp", 8443, 8443, ResourceKind.MASTER_SECURITY_GROUP));
        rules.add(out("tcp", 8443, 8443, ResourceKind.WORKERS_SECURITY_GROUP));
        break;
      default:
        throw new IllegalArgumentException(group + " is not a security group");
    }
    return rules;
  }

  /** Rules of an EC2 answer, peers mapped back to the profile's groups (others left as null). */
  static List<SgRule> observed(
      List<IpPermission> permissions, boolean ingress, Map<String, ResourceKind> groupsById) {
    List<SgRule> rules = new ArrayList<>();
    for (IpPermission p : permissions) {
      String protocol = normalise(p.ipProtocol());
      Integer from = "-1".equals(protocol) ? null : p.fromPort();
      Integer to = "-1".equals(protocol) ? null : p.toPort();
      for (IpRange r : p.ipRanges()) {
        rules.add(new SgRule(ingress, protocol, from, to, null, r.cidrIp()));
      }
      for (UserIdGroupPair pair : p.userIdGroupPairs()) {
        ResourceKind kind = groupsById.get(pair.groupId());
        rules.add(
            new SgRule(ingress, protocol, from, to, kind, kind == null ? pair.groupId() : null));
      }
    }
    return rules;
  }

  private static String normalise(String protocol) {
    switch (protocol == null ? "" : protocol) {
      case "6":
        return "tcp";
      case "17":
        return "udp";
      case "1":
        return "icmp";
      default:
        return protocol;
    }
  }

  /** The EC2 permission for this rule, with the peer's group id resolved. */
  IpPermission toPermission(Map<ResourceKind, String> ids) {
    IpPermission.Builder b = IpPermission.builder().ipProtocol(protocol);
    if (from != null) {
      b.fromPort(from).toPort(to);
    }
    if (peer != null) {
      b.userIdGroupPairs(UserIdGroupPair.builder().groupId(ids.get(peer)).build());
    } else {
      b.ipRanges(IpRange.builder().cidrIp(cidr).build());
    }
    return b.build();
  }

  @Override
  public String toString() {
    String ports =
        "-1".equals(protocol)
            ? "all traffic"
            : protocol + (from != null && from.equals(to) ? " " + from : " " + from + "-" + to);
    String who = peer != null ? Names.shortKind(peer) : cidr;
    return (ingress ? "ingress " : "egress ") + ports + (ingress ? " from " : " to ") + who;
  }
}
