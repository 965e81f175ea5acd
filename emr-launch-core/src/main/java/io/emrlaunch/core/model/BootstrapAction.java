package io.emrlaunch.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/** A script EMR runs on every node before applications start. */
@Value.Immutable
@JsonSerialize(as = ImmutableBootstrapAction.class)
@JsonDeserialize(as = ImmutableBootstrapAction.class)
public interface BootstrapAction extends WithBootstrapAction {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link BootstrapAction} values: obtained from {@link BootstrapAction#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableBootstrapAction.Builder {
    Builder() {}
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
