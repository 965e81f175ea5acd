package io.emrlaunch.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/**
 * The library's Jackson configuration, handed out as immutable {@link ObjectReader}s and {@link
 * ObjectWriter}s (a shared mapper could be reconfigured by anyone).
 *
 * <pre>{@code
 * EmrProfile p = EmrLaunchJson.reader().forType(EmrProfile.class).readValue(json);
 * String out = EmrLaunchJson.writer().withDefaultPrettyPrinter().writeValueAsString(p);
 * }</pre>
 *
 * <p>Readers are tolerant (unknown properties are ignored, so records written by a newer version or
 * by another tool still load); writers omit absent and empty-optional values so records stay small
 * (SSM's Standard tier holds 4 KB).
 */
public final class EmrLaunchJson {
  /**
   * Version of our own record format, written as {@code schemaVersion}. Readers accept every
   * version up to this one.
   */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = newMapper();
  private static final ObjectReader READER = MAPPER.reader();
  private static final ObjectWriter WRITER = MAPPER.writer();

  private EmrLaunchJson() {}

  /**
   * A reader with the library's configuration; immutable and thread-safe ({@code forType}, {@code
   * with...} return new readers).
   *
   * @return the reader
   */
  public static ObjectReader reader() {
    return READER;
  }

  /**
   * A writer with the library's configuration; immutable and thread-safe.
   *
   * @return the writer
   */
  public static ObjectWriter writer() {
    return WRITER;
  }

  /**
   * A new mapper with the library's configuration, for callers that want to add modules of their
   * own.
   *
   * @return a fresh mapper
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.ALWAYS))
        .build();
  }
}
