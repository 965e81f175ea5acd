package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/** A script EMR runs on every node before applications start. */
@Value.Immutable
@JsonSerialize(as = ImmutableBootstrapAction.class)
@JsonDeserialize(as = ImmutableBootstrapAction.class)
public interface BootstrapAction {

  static ImmutableBootstrapAction.Builder builder() {
    return ImmutableBootstrapAction.builder();
  }

  /** Creates a bootstrap action running {@code path} with {@code args}. */
  static BootstrapAction of(String name, String path, String... args) {
    return builder().name(name).path(path).addArgs(args).build();
  }

  String name();

  /** Location of the script, usually {@code s3://bucket/key}. */
  String path();

  List<String> args();
}
