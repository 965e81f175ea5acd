package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSONata expression that does, in one Pass state, what the JSONPath variant's preparation
 * branch does in some eighty: maps the two records to the RunJobFlow request, checks and applies
 * the overrides, builds the log location, merges the tags and reads the fail-if-running flag. Its
 * value is {@code {"Problem": {"Error", "Cause"} | absent, "FailIfRunning": bool, "Request":
 * {..}}}; the first failed check (in the JSONPath variant's order) is the problem, with the same
 * error names and causes. Expects the variables {@code $profile} and {@code $record} (the parsed
 * records).
 */
final class JsonataRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonataRequest() {}

  /** A JSONata string literal (JSON's escapes are JSONata's). */
  static String str(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A field step: backticks allow any name. */
  private static String field(String name) {
    return ".`" + name.replace("`", "") + "`";
  }

  static String expression(LaunchPlan plan, RequestShape shape) {
    StringBuilder e = new StringBuilder("(");
    line(e, "$in := $states.context.Execution.Input");
    line(e, "$p := $profile");
    line(e, "$r := $record");
    line(e, "$has := function($v){ $exists($v) and $type($v) != 'null' }");
    line(e, "$last := function($s){ $split($s, '/')[-1] }");
    line(e, "$n := function($v){ $exists($v) ? $v : null }");
    line(e, "$secret := $has($r.SecretConfigurations) or $has($p.KerberosAttributesSecret)");
    line(e, "$c := $r.ClusterConfiguration");
    String name = plan.function().clusterName();
    if (name != null && !name.isBlank()) {
      line(e, "$c := $merge([$c, {\"Name\": " + str(name) + "}])");
    }
    // roles: last ARN segments; the autoscaling role only for instance groups
    line(e, "$ro := $p.Roles");
    line(
        e,
        "$c := $merge([$c, {\"ServiceRole\": $last($ro.ServiceRole), \"JobFlowRole\":"
            + " $last($has($ro.InstanceProfile) ? $ro.InstanceProfile : $ro.InstanceRole)}])");
    line(
        e,
        "$c := $has($ro.AutoScalingRole) and $has($c.Instances.InstanceGroups[0]) ?"
            + " $merge([$c, {\"AutoScalingRole\": $last($ro.AutoScalingRole)}]) : $c");
    line(e, "$g := $p.SecurityGroups");
    line(
        e,
        "$c := $merge([$c, {\"Instances\": $merge([$c.Instances,"
            + " $has($g.MasterGroup) ? {\"EmrManagedMasterSecurityGroup\": $g.MasterGroup},"
            + " $has($g.WorkersGroup) ? {\"EmrManagedSlaveSecurityGroup\": $g.WorkersGroup},"
            + " $has($g.ServiceGroup) ? {\"ServiceAccessSecurityGroup\": $g.ServiceGroup}])}])");
    line(
        e,
        "$c := $has($p.SecurityConfiguration) ? $merge([$c, {\"SecurityConfiguration\":"
            + " $p.SecurityConfiguration}]) : $c");
    overrides(e, plan.overrides());
    logs(e);
    tags(e, plan.function().clusterTags());
    line(e, "$f := $in.FailIfClusterRunning");
    line(
        e,
        "$fir := $exists($f) ? ($type($f) = 'boolean' ? $f : $type($f) = 'string' ?"
            + " $lowercase($f) in ['yes', 'true', 't', '1'] : $type($f) = 'number' ? $f = 1 :"
            + " false) : "
            + plan.function().defaultFailIfClusterRunning());
    line(
        e,
        "$problem := $secret ? {\"Error\": "
            + str(LaunchFunctionMachine.UNSUPPORTED_RECORD)
            + ", \"Cause\": "
            + str(PreparationBranch.SECRETS_CAUSE)
            + "} : $op ? {\"Error\": "
            + str(LaunchFunctionMachine.INVALID_OVERRIDE)
            + ", \"Cause\": $op} : $tp ? {\"Error\": "
            + str(LaunchFunctionMachine.INVALID_INPUT)
            + ", \"Cause\": $tp}");
    line(e, "$i := $c.Instances");
    StringBuilder request = new StringBuilder("{");
    for (String k : shape.topFields()) {
      if (!k.equals("Instances")) {
        request.append(str(k)).append(": $n($c").append(field(k)).append("), ");
      }
    }
    request.append("\"Instances\": {");
    for (String k : shape.instanceFields()) {
      request.append(str(k)).append(": $n($i").append(field(k)).append("), ");
    }
    request.append("\"KeepJobFlowAliveWhenNoSteps\": true}}");
    e.append(" {\"Problem\": $problem, \"FailIfRunning\": $fir, \"Request\": ")
        .append(request)
        .append("})");
    return e.toString();
  }

  private static void line(StringBuilder e, String statement) {
    e.append(' ').append(statement).append(';');
  }

  private static void overrides(StringBuilder e, List<OverrideTarget> targets) {
    line(
        e,
        "$o := $exists($in.ClusterConfigurationOverrides) ? $in.ClusterConfigurationOverrides :"
            + " $exists($in.ClusterConfigOverrides) ? $in.ClusterConfigOverrides : {}");
    String names =
        targets.stream().map(t -> str(t.override().name())).collect(Collectors.joining(", "));
    String listed =
        targets.isEmpty()
            ? "none"
            : targets.stream().map(t -> t.override().name()).collect(Collectors.joining(", "));
    line(e, "$unknown := $type($o) = 'object' ? $keys($o)[$not($ in [" + names + "])]");
    List<String> checks = new ArrayList<>();
    for (OverrideTarget t : targets) {
      checks.add(check(t));
    }
    line(
        e,
        "$op := $type($o) != 'null' ? ($type($o) != 'object' ? "
            + str(OverrideChecks.NOT_AN_OBJECT)
            + " : $exists($unknown) ? 'ClusterConfigurationOverrides ' & $string($o) & "
            + str(" names an override that is not allowed (allowed: " + listed + ")")
            + " : ["
            + String.join(", ", checks)
            + "][0])");
    if (targets.isEmpty()) {
      return;
    }
    StringBuilder apply =
        new StringBuilder("$c := $type($o) = 'object' and $not($exists($op)) ? (");
    for (OverrideTarget t : targets) {
      String value = "$o" + field(t.override().name());
      apply
          .append("$c := $exists(")
          .append(value)
          .append(") ? ")
          .append(set("$c", t.requestPath().split("\\."), 0, value))
          .append(" : $c; ");
    }
    apply.append("$c) : $c");
    line(e, apply.toString());
  }

  /** The first failed check of one override as its cause, else undefined. */
  private static String check(OverrideTarget t) {
    AllowedOverride o = t.override();
    String v = "$o" + field(o.name());
    String prefix = "Override \"" + o.name() + "\" ";
    List<String[]> rules = new ArrayList<>();
    String type =
        switch (o.type()) {
          case STRING -> "string";
          case BOOLEAN -> "boolean";
          case INTEGER, NUMBER -> "number";
        };
    rules.add(new String[] {"$type($v) != '" + type + "'", OverrideChecks.typeText(o.type())});
    if (o.type() != OverrideType.STRING && o.type() != OverrideType.BOOLEAN) {
      o.minimum()
          .ifPresent(
              min ->
                  rules.add(
                      new String[] {
                        "$v < " + OverrideChecks.plain(min),
                        "is less than the Minimum allowed (" + OverrideChecks.plain(min) + ")"
                      }));
      o.maximum()
          .ifPresent(
              max ->
                  rules.add(
                      new String[] {
                        "$v > " + OverrideChecks.plain(max),
                        "is greater than the Maximum allowed (" + OverrideChecks.plain(max) + ")"
                      }));
    }
    if (!o.allowedValues().isEmpty()) {
      String values =
          o.allowedValues().stream()
              .map(
                  a ->
                      switch (o.type()) {
                        case STRING -> str(a);
                        case BOOLEAN -> Boolean.toString(Boolean.parseBoolean(a));
                        case INTEGER, NUMBER -> new BigDecimal(a).toString();
                      })
              .collect(Collectors.joining(", "));
      rules.add(
          new String[] {"$not($v in [" + values + "])", "is not one of " + o.allowedValues()});
    }
    t.mustExistSegments()
        .ifPresent(
            segments ->
                rules.add(
                    new String[] {
                      "$not($exists(" + path("$c", segments) + "))",
                      "targets " + t.requestPath() + ", which is not in the cluster configuration"
                    }));
    if (o.type() == OverrideType.INTEGER) {
      rules.add(new String[] {"$v != $floor($v)", OverrideChecks.typeText(o.type())});
    }
    StringBuilder chain = new StringBuilder();
    for (String[] r : rules) {
      chain.append(r[0]).append(" ? ").append(str(prefix + r[1])).append(" : ");
    }
    // the last "else" is undefined: a ternary without it
    String body = chain.substring(0, chain.length() - 3);
    return "$exists(" + v + ") ? ($v := " + v + "; " + body + ")";
  }

  /** A JSONata path: names as fields, digits as indexes. */
  private static String path(String root, String[] segments) {
    StringBuilder out = new StringBuilder(root);
    for (String s : segments) {
      out.append(isIndex(s) ? "[" + s + "]" : field(s));
    }
    return out.toString();
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  /**
   * {@code obj} with {@code value} written at {@code segments[i..]}: missing objects are created,
   * list elements must exist (checked before).
   */
  private static String set(String obj, String[] segments, int i, String value) {
    if (i == segments.length) {
      return value;
    }
    String s = segments[i];
    if (isIndex(s)) {
      String el = "$e" + i;
      String ix = "$j" + i;
      return "$append([], $map("
          + obj
          + ", function("
          + el
          + ", "
          + ix
          + "){ "
          + ix
          + " = "
          + s
          + " ? "
          + set(el, segments, i + 1, value)
          + " : "
          + el
          + " }))";
    }
    return "$merge(["
        + obj
        + ", {"
        + str(s)
        + ": "
        + set(obj + field(s), segments, i + 1, value)
        + "}])";
  }

  private static void logs(StringBuilder e) {
    line(e, "$b := $p.LogsBucket");
    line(e, "$lp := $p.LogsPath");
    line(
        e,
        "$c := $has($b) ? $merge([$c, {\"LogUri\": 's3://' & $b & ($not($has($lp)) ?"
            + " '/elasticmapreduce/' : $lp = '' ? '/' : $substring($lp, 0, 1) = '/' and"
            + " $substring($lp, -1) = '/' ? $lp : $substring($lp, 0, 1) = '/' ? $lp & '/' :"
            + " $substring($lp, -1) = '/' ? '/' & $lp : '/' & $lp & '/') & $c.Name}]) : $c");
  }

  private static void tags(StringBuilder e, Map<String, String> functionTags) {
    StringBuilder fn = new StringBuilder("[");
    functionTags.forEach(
        (k, v) ->
            fn.append(fn.length() > 1 ? ", " : "")
                .append("{\"Key\": ")
                .append(str(k))
                .append(", \"Value\": ")
                .append(str(v))
                .append("}"));
    fn.append("]");
    line(e, "$t := $in.Tags");
    line(e, "$tp := $has($t) and $type($t) != 'array' ? " + str(TagMerge.NOT_A_LIST_CAUSE));
    // highest precedence first, each list from its end; a key is kept the first time it is seen
    line(
        e,
        "$all := $append($append($reverse($type($t) = 'array' ? $t : []), $reverse("
            + fn
            + ")), $reverse($type($c.Tags) = 'array' ? $c.Tags : []))");
    line(
        e,
        "$kept := $reduce($all, function($a, $x){ $x.Key in $a.k ? $a : {\"k\": $append($a.k,"
            + " $x.Key), \"t\": $append($a.t, [$x])} }, {\"k\": [], \"t\": []})");
    line(
        e,
        "$tp := $tp ? $tp : $count($kept.t) > "
            + TagMerge.MAX_TAGS
            + " ? "
            + str(TagMerge.TOO_MANY_CAUSE));
    line(e, "$c := $merge([$c, {\"Tags\": $kept.t}])");
  }
}
