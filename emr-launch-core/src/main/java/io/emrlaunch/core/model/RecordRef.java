package io.emrlaunch.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.emrlaunch.core.validation.Problems;
import java.util.Objects;

/**
 * A reference to a stored record by {@code (namespace, name)}, written {@code namespace/name} (the
 * form aws-emr-launch stores in launch functions). The namespace defaults to {@value
 * #DEFAULT_NAMESPACE}.
 */
public final class RecordRef {
  /** The namespace used when none is given, as in aws-emr-launch. */
  public static final String DEFAULT_NAMESPACE = "default";

  /**
   * Longest namespace or name accepted, so a full SSM parameter name stays well within 1011 chars.
   */
  public static final int MAX_SEGMENT_LENGTH = 128;

  private final String namespace;
  private final String name;

  private RecordRef(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * A reference in a namespace.
   *
   * @param namespace the namespace
   * @param name the record name
   * @return the reference
   * @throws io.emrlaunch.core.validation.ValidationException when either part is not SSM-safe
   */
  public static RecordRef of(String namespace, String name) {
    Problems p = Problems.root();
    p.ssmSafeName("namespace", namespace, MAX_SEGMENT_LENGTH);
    p.ssmSafeName("name", name, MAX_SEGMENT_LENGTH);
    p.throwIfAny();
    return new RecordRef(namespace, name);
  }

  /**
   * A reference in the {@value #DEFAULT_NAMESPACE} namespace.
   *
   * @param name the record name
   * @return the reference
   */
  public static RecordRef of(String name) {
    return of(DEFAULT_NAMESPACE, name);
  }

  /**
   * Parses {@code namespace/name}, or a bare {@code name} in the default namespace.
   *
   * @param text the reference text
   * @return the reference
   * @throws io.emrlaunch.core.validation.ValidationException when malformed
   */
  @JsonCreator
  public static RecordRef parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      return of(text);
    }
    return of(text.substring(0, slash), text.substring(slash + 1));
  }

  /**
   * The namespace.
   *
   * @return the namespace
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The record name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /** Renders {@code namespace/name}. */
  @JsonValue
  @Override
  public String toString() {
    return namespace + "/" + name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordRef r && r.namespace.equals(namespace) && r.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name);
  }
}
