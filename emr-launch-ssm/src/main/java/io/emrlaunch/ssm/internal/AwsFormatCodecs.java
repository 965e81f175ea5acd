package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.json.AwsEmrLaunchFormat;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.repository.RecordKind;

/** The default aws-emr-launch codec of each kind: {@link AwsEmrLaunchFormat}'s. */
public final class AwsFormatCodecs {
  private AwsFormatCodecs() {}

  /** The codec of a kind. */
  @SuppressWarnings("unchecked")
  public static <T> RecordCodec<T> forKind(RecordKind<T> kind) {
    if (kind == RecordKind.PROFILE) {
      return (RecordCodec<T>) AwsEmrLaunchFormat.profiles();
    }
    if (kind == RecordKind.CONFIGURATION) {
      return (RecordCodec<T>) AwsEmrLaunchFormat.configurations();
    }
    return (RecordCodec<T>) AwsEmrLaunchFormat.launchFunctions();
  }
}
