package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The EBS volumes of the instances of a group or fleet instance type. */
@Value.Immutable
@JsonSerialize(as = ImmutableEbsConfiguration.class)
@JsonDeserialize(as = ImmutableEbsConfiguration.class)
public interface EbsConfiguration {

  static ImmutableEbsConfiguration.Builder builder() {
    return ImmutableEbsConfiguration.builder();
  }

  List<EbsVolume> volumes();

  Optional<Boolean> ebsOptimized();
}
