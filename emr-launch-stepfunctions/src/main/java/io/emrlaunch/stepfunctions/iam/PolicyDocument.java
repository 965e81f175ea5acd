package io.emrlaunch.stepfunctions.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.iam.internal.StatementMerger;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * An immutable IAM policy document ({@code Version 2012-10-17}). Statements are merged on
 * construction (same resources and conditions: actions joined; same actions and conditions:
 * resources joined; a {@code *} resource absorbs the others) and kept in a stable order, so the
 * same permissions always render the same JSON.
 *
 * <pre>{@code
 * PolicyDocument doc = PolicyDocument.of(List.of(statementA, statementB));
 * Files.writeString(Path.of("policy.json"), doc.toJson());
 * }</pre>
 */
public final class PolicyDocument {
  /** The only IAM policy language version in use. */
  public static final String VERSION = "2012-10-17";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  // "Key": value, as IAM's own documents are written (Jackson's default is "Key" : value).
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER));

  private final List<PolicyStatement> statements;

  private PolicyDocument(List<PolicyStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  /**
   * A document with the given statements, merged and sorted.
   *
   * @param statements any number of statements, in any order, duplicates allowed
   * @return the document
   */
  public static PolicyDocument of(Collection<PolicyStatement> statements) {
    return new PolicyDocument(StatementMerger.merge(statements));
  }

  /**
   * A document with the given statements, merged and sorted.
   *
   * @param statements any number of statements
   * @return the document
   */
  public static PolicyDocument of(PolicyStatement... statements) {
    return of(List.of(statements));
  }

  /**
   * The merged statements in their stable order.
   *
   * @return the statements
   */
  public List<PolicyStatement> statements() {
    return statements;
  }

  /**
   * This document's and another's statements together.
   *
   * @param other another document
   * @return the merged document
   */
  public PolicyDocument with(PolicyDocument other) {
    List<PolicyStatement> all = new ArrayList<>(statements);
    all.addAll(other.statements);
    return of(all);
  }

  /**
   * Whether some statement allows {@code action} on exactly {@code resource} (no wildcard matching:
   * this answers "did the derivation emit it").
   *
   * @param action e.g. {@code sns:Publish}
   * @param resource e.g. a topic ARN
   * @return true when emitted
   */
  public boolean allows(String action, String resource) {
    return statements.stream()
        .anyMatch(
            s ->
                s.effect() == PolicyStatement.Effect.ALLOW
                    && s.actions().contains(action)
                    && s.resources().contains(resource));
  }

  /**
   * The document as a Jackson tree.
   *
   * @return a new tree
   */
  public ObjectNode toJsonNode() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("Version", VERSION);
    ArrayNode arr = root.putArray("Statement");
    for (PolicyStatement s : statements) {
      ObjectNode n = arr.addObject();
      s.sid().ifPresent(sid -> n.put("Sid", sid));
      n.put("Effect", s.effect().json());
      if (!s.principals().isEmpty()) {
        ObjectNode p = n.putObject("Principal");
        s.principals().forEach((type, values) -> putValues(p, type, values));
      }
      putValues(n, "Action", s.actions());
      if (!s.resources().isEmpty()) {
        putValues(n, "Resource", s.resources());
      }
      if (!s.conditions().isEmpty()) {
        ObjectNode c = n.putObject("Condition");
        for (Map.Entry<String, ? extends Map<String, SortedSet<String>>> op :
            s.conditions().entrySet()) {
          ObjectNode o = c.putObject(op.getKey());
          op.getValue().forEach((key, values) -> putValues(o, key, values));
        }
      }
    }
    return root;
  }

  /**
   * The IAM JSON, pretty-printed.
   *
   * @return the JSON text
   */
  public String toJson() {
    try {
      return MAPPER.writer(PRETTY).writeValueAsString(toJsonNode());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The IAM JSON on one line (what {@code PutRolePolicy} takes).
   *
   * @return the compact JSON text
   */
  public String toCompactJson() {
    return toJsonNode().toString();
  }

  // One value renders as a string, several as an array: the form the IAM console and docs use.
  private static void putValues(ObjectNode node, String field, SortedSet<String> values) {
    if (values.size() == 1) {
      node.put(field, values.first());
    } else {
      ArrayNode a = node.putArray(field);
      values.forEach(a::add);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyDocument d && d.statements.equals(statements);
  }

  @Override
  public int hashCode() {
    return statements.hashCode();
  }

  @Override
  public String toString() {
    return toCompactJson();
  }
}
