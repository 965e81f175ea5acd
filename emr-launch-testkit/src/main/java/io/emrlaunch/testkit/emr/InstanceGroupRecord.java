package io.emrlaunch.testkit.emr;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupState;
import software.amazon.awssdk.services.emr.model.InstanceGroupStatus;
import software.amazon.awssdk.services.emr.model.InstanceGroupTimeline;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.MarketType;

/** Mutable state of one instance group; guarded by the owning FakeEmr. */
final class InstanceGroupRecord {
  final String id;
  final InstanceGroupConfig config;
  final Instant created;
  InstanceGroupState state = InstanceGroupState.PROVISIONING;
  int requested;
  int running;
  Instant ready;
  Instant ended;
  ScheduledFuture<?> resize;

  InstanceGroupRecord(String id, InstanceGroupConfig config, Instant created) {
    this.id = id;
    this.config = config;
    this.created = created;
    this.requested = config.instanceCount() == null ? 0 : config.instanceCount();
  }

  InstanceRoleType role() {
    return config.instanceRole();
  }

  InstanceGroup toInstanceGroup() {
    return InstanceGroup.builder()
        .id(id)
        .name(config.name())
        .market(config.market() == null ? MarketType.ON_DEMAND : config.market())
        .instanceGroupType(config.instanceRoleAsString())
        .bidPrice(config.bidPrice())
        .instanceType(config.instanceType())
        .requestedInstanceCount(requested)
        .runningInstanceCount(running)
        .configurations(config.configurations())
        .customAmiId(config.customAmiId())
        .status(
            InstanceGroupStatus.builder()
                .state(state)
                .timeline(
                    InstanceGroupTimeline.builder()
                        .creationDateTime(created)
                        .readyDateTime(ready)
                        .endDateTime(ended)
                        .build())
                .build())
        .build();
  }
}
