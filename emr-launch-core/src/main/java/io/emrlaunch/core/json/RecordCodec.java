package io.emrlaunch.core.json;

/**
 * Reads and writes one kind of record as JSON text, in one record format (ours, or
 * aws-emr-launch's).
 *
 * @param <T> the value type
 */
public interface RecordCodec<T> {

  /**
   * Renders a value.
   *
   * @param value the value
   * @return its JSON text
   */
  String write(T value);

  /**
   * Parses a value.
   *
   * @param json JSON text
   * @return the value
   * @throws io.emrlaunch.core.validation.ValidationException when the text is not JSON or does not
   *     describe a valid value; each problem names the field path
   */
  T read(String json);
}
