package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.TaskState;
import io.emrlaunch.stepfunctions.emr.internal.Integrations;
import io.emrlaunch.stepfunctions.emr.internal.Requests;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every EMR, EMR Serverless and EMR on EKS Task state of a whole definition, parsed or
 * built, against the same service rules the {@link EmrTasks} factories apply: supported patterns
 * ({@code cancelStep.sync} does not exist), the request rules (createCluster's {@code
 * KeepJobFlowAliveWhenNoSteps} and {@code Steps}, required fields), and that a {@code
 * modify*ByName} state names a fleet or group some createCluster state of the machine defines.
 * Complements {@link StateMachine#validate()}, which knows the States Language but not the
 * services.
 *
 * <pre>{@code
 * List<Problem> problems = EmrDefinitionRules.check(StateMachine.fromJson(json));
 * }</pre>
 */
public final class EmrDefinitionRules {
  private static final Pattern OPTIMIZED =
      Pattern.compile("arn:[a-z0-9-]+:states:::([a-z-]+:(?:emr:)?[A-Za-z]+)(\\..+)?");

  private EmrDefinitionRules() {}

  /**
   * Every problem, each at its location ({@code States.Launch.Parameters.Instances.
   * KeepJobFlowAliveWhenNoSteps}).
   *
   * @param machine the definition
   * @return the problems, sorted by location; empty when every EMR state follows the rules
   */
  public static List<Problem> check(StateMachine machine) {
    Problems root = Problems.root();
    Names names = new Names();
    List<Runnable> byName = new ArrayList<>();
    for (StateMachine.StateEntry e : machine.allStates()) {
      if (!(e.state() instanceof TaskState t)) {
        continue;
      }
      Matcher m = OPTIMIZED.matcher(t.resource());
      if (!m.matches()) {
        continue;
      }
      String integration = m.group(1);
      Optional<Integrations.Spec> spec = Integrations.find(integration);
      if (spec.isEmpty()) {
        continue;
      }
      Problems at = root.at(e.location());
      String suffix = m.group(2) == null ? "" : m.group(2);
      checkPattern(integration, suffix, spec.get(), at);
      boolean jsonata = t.arguments().isPresent();
      Optional<JsonNode> request = jsonata ? t.arguments() : t.parameters();
      if (request.isPresent() && !request.get().isObject()) {
        continue; // one JSONata expression for the whole request: known only when it runs
      }
      ObjectNode req = request.map(r -> (ObjectNode) r).orElseGet(Requests::object);
      Problems reqAt = at.at(jsonata ? "Arguments" : "Parameters");
      spec.get().rules().accept(req, reqAt);
      if (integration.equals("elasticmapreduce:createCluster")) {
        names.collect(req);
      } else if (integration.endsWith("ByName")) {
        byName.add(() -> names.check(integration, req, reqAt));
      }
    }
    byName.forEach(Runnable::run);
    return root.problems();
  }

  /**
   * Checks and throws when anything is wrong.
   *
   * @param machine the definition
   * @return the same machine
   * @throws ValidationException listing every problem
   */
  public static StateMachine checkOrThrow(StateMachine machine) {
    List<Problem> problems = check(machine);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return machine;
  }

  private static void checkPattern(
      String integration, String suffix, Integrations.Spec spec, Problems at) {
    boolean sdk = integration.startsWith("aws-sdk:");
    boolean ok =
        suffix.isEmpty()
            || (suffix.equals(".sync") && spec.sync())
            // SDK integrations support callbacks; the optimized EMR ones do not.
            || (suffix.equals(".waitForTaskToken") && sdk);
    if (!ok) {
      at.add(
          "Resource",
          integration
              + " does not support "
              + suffix
              + " (supported: request-response"
              + (spec.sync() ? ", .sync" : sdk ? ", .waitForTaskToken" : "")
              + ")");
    }
  }

  /** Fleet and group names the machine's createCluster states define literally. */
  private static final class Names {
    final Set<String> fleets = new LinkedHashSet<>();
    final Set<String> groups = new LinkedHashSet<>();
    boolean clusters;
    boolean dynamic;

    void collect(ObjectNode request) {
      clusters = true;
      Optional<JsonNode> inst = Requests.literal(request, "Instances");
      if (inst.isEmpty() || !inst.get().isObject()) {
        dynamic = true;
        return;
      }
      dynamic |= !add(inst.get(), "InstanceFleets", fleets);
      dynamic |= !add(inst.get(), "InstanceGroups", groups);
    }

    /** Adds literal names; false when a list or a name is known only at run time. */
    private static boolean add(JsonNode instances, String list, Set<String> into) {
      if (instances.has(list + ".$")) {
        return false;
      }
      JsonNode items = instances.get(list);
      if (items == null) {
        return true;
      }
      if (!items.isArray()) {
        return false;
      }
      boolean known = true;
      for (JsonNode item : items) {
        JsonNode n = item.get("Name");
        if (n != null && n.isTextual() && !Requests.isJsonata(n)) {
          into.add(n.asText());
        } else {
          known = false;
        }
      }
      return known;
    }

    void check(String integration, ObjectNode request, Problems at) {
      if (!clusters || dynamic) {
        return; // the cluster was made elsewhere, or its names are known only at run time
      }
      boolean fleet = integration.endsWith("FleetByName");
      String field = fleet ? "InstanceFleetName" : "InstanceGroupName";
      Set<String> known = fleet ? fleets : groups;
      Requests.literal(request, field)
          .filter(n -> n.isTextual() && !known.contains(n.asText()))
          .ifPresent(
              n ->
                  at.add(
                      field,
                      "names no instance "
                          + (fleet ? "fleet" : "group")
                          + " of this machine's createCluster states (was "
                          + n
                          + "; known: "
                          + known
                          + ")"));
    }
  }
}
