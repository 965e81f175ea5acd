package io.emrlaunch.ssm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.json.RecordCodec;
import io.emrlaunch.core.repository.RecordFormat;
import java.util.Objects;

/**
 * The two codecs of one kind. Writes use the configured format; reads detect the format from the
 * text, so a store configured for either format reads records written in both: our format always
 * carries {@code schemaVersion}, aws-emr-launch's never does.
 *
 * @param <T> the value type
 */
public final class RecordCodecs<T> {
  private final RecordFormat writeFormat;
  private final RecordCodec<T> awsCodec;
  private final RecordCodec<T> ownCodec;

  /**
   * Creates the pair.
   *
   * @param writeFormat the format written
   * @param awsCodec the aws-emr-launch codec
   * @param ownCodec our codec
   */
  public RecordCodecs(RecordFormat writeFormat, RecordCodec<T> awsCodec, RecordCodec<T> ownCodec) {
    this.writeFormat = Objects.requireNonNull(writeFormat, "writeFormat");
    this.awsCodec = Objects.requireNonNull(awsCodec, "awsCodec");
    this.ownCodec = Objects.requireNonNull(ownCodec, "ownCodec");
  }

  /** The format written. */
  public RecordFormat writeFormat() {
    return writeFormat;
  }

  /** Renders a value in the configured format. */
  public String write(T value) {
    return writeFormat == RecordFormat.EMR_LAUNCH ? ownCodec.write(value) : awsCodec.write(value);
  }

  /** Detects the format of a stored text. */
  public RecordFormat detect(String text) {
    try {
      JsonNode node = EmrLaunchJson.reader().readTree(text);
      if (node != null && node.has(EmrLaunchFormat.SCHEMA_VERSION_FIELD)) {
        return RecordFormat.EMR_LAUNCH;
      }
      return RecordFormat.AWS_EMR_LAUNCH;
    } catch (JsonProcessingException e) {
      // Not JSON at all: let the configured codec report it with its field-path errors.
      return writeFormat;
    }
  }

  /**
   * Parses a stored text in the format it is in.
   *
   * @throws io.emrlaunch.core.validation.ValidationException when it is not a valid record
   */
  public T read(String text, RecordFormat format) {
    return format == RecordFormat.EMR_LAUNCH ? ownCodec.read(text) : awsCodec.read(text);
  }
}
