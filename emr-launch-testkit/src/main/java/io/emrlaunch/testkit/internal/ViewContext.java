package io.emrlaunch.testkit.internal;

import io.emrlaunch.testkit.CallLog;
import io.emrlaunch.testkit.FaultPlan;
import io.emrlaunch.testkit.VirtualTime;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/** What every client view of one {@code FakeAws} shares: time, call log, faults, region. */
public final class ViewContext {
  private final VirtualTime time;
  private final CallLog calls;
  private final FaultPlan faults;
  private final Region region;

  public ViewContext(VirtualTime time, CallLog calls, FaultPlan faults, Region region) {
    this.time = Objects.requireNonNull(time, "time");
    this.calls = Objects.requireNonNull(calls, "calls");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.region = Objects.requireNonNull(region, "region");
  }

  public VirtualTime time() {
    return time;
  }

  public CallLog calls() {
    return calls;
  }

  public FaultPlan faults() {
    return faults;
  }

  public Region region() {
    return region;
  }
}
