package io.emrlaunch.testkit.emr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import software.amazon.awssdk.services.emr.model.InstanceFleet;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetState;
import software.amazon.awssdk.services.emr.model.InstanceFleetStatus;
import software.amazon.awssdk.services.emr.model.InstanceFleetTimeline;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceTypeConfig;
import software.amazon.awssdk.services.emr.model.InstanceTypeSpecification;

/** Mutable state of one instance fleet; guarded by the owning FakeEmr. */
final class InstanceFleetRecord {
  final String id;
  final InstanceFleetConfig config;
  final Instant created;
  InstanceFleetState state = InstanceFleetState.PROVISIONING;
  int targetOnDemand;
  int targetSpot;
  int provisionedOnDemand;
  int provisionedSpot;
  Instant ready;
  Instant ended;
  ScheduledFuture<?> resize;

  InstanceFleetRecord(String id, InstanceFleetConfig config, Instant created) {
    this.id = id;
    this.config = config;
    this.created = created;
    this.targetOnDemand = orZero(config.targetOnDemandCapacity());
    this.targetSpot = orZero(config.targetSpotCapacity());
  }

  static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  InstanceFleetType type() {
    return config.instanceFleetType();
  }

  InstanceFleet toInstanceFleet() {
    List<InstanceTypeSpecification> specs = new ArrayList<>();
    for (InstanceTypeConfig type : config.instanceTypeConfigs()) {
      specs.add(
          InstanceTypeSpecification.builder()
              .instanceType(type.instanceType())
              .weightedCapacity(type.weightedCapacity() == null ? 1 : type.weightedCapacity())
              .bidPrice(type.bidPrice())
              .bidPriceAsPercentageOfOnDemandPrice(type.bidPriceAsPercentageOfOnDemandPrice())
              .configurations(type.configurations())
              .customAmiId(type.customAmiId())
              .build());
    }
    return InstanceFleet.builder()
        .id(id)
        .name(config.name())
        .instanceFleetType(config.instanceFleetType())
        .targetOnDemandCapacity(targetOnDemand)
        .targetSpotCapacity(targetSpot)
        .provisionedOnDemandCapacity(provisionedOnDemand)
        .provisionedSpotCapacity(provisionedSpot)
        .instanceTypeSpecifications(specs)
        .launchSpecifications(config.launchSpecifications())
        .status(
            InstanceFleetStatus.builder()
                .state(state)
                .timeline(
                    InstanceFleetTimeline.builder()
                        .creationDateTime(created)
                        .readyDateTime(ready)
                        .endDateTime(ended)
                        .build())
                .build())
        .build();
  }
}
