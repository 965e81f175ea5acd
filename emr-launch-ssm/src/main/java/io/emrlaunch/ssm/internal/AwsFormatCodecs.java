package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.repository.RecordKind;

/** The default aws-emr-launch codec of each kind. */
public final class AwsFormatCodecs {
  private AwsFormatCodecs() {}

  /** The codec of a kind. */
  public static <T> RecordCodec<T> forKind(RecordKind<T> kind) {
    // TODO(wip/model): AwsEmrLaunchFormat's codecs replace this once they land.
    return new RecordCodec<T>() {
      @Override
      public String write(T value) {
        throw new UnsupportedOperationException(
            "aws-emr-launch codec for " + kind + " not available in this build");
      }

      @Override
      public T read(String json) {
        throw new UnsupportedOperationException(
            "aws-emr-launch codec for " + kind + " not available in this build");
      }
    };
  }
}
