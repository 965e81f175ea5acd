package io.emrlaunch.stepfunctions.emr.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.validation.Problems;
import java.util.Map;

/** Core {@link EmrStep}s in the EMR {@code StepConfig} shape. */
public final class Steps {
  private Steps() {}

  /**
   * {@code {Name, ActionOnFailure, HadoopJarStep{Jar, MainClass, Args, Properties},
   * StepMonitoringConfiguration{S3MonitoringConfiguration{LogUri, EncryptionKeyArn}}}}.
   */
  public static ObjectNode stepConfig(EmrStep step, Problems problems) {
    problems.required("Name", step.name());
    problems.at("HadoopJarStep").required("Jar", step.jar());
    ObjectNode s = Requests.object();
    s.put("Name", step.name());
    s.put("ActionOnFailure", step.actionOnFailure().name());
    ObjectNode jar = s.putObject("HadoopJarStep");
    jar.put("Jar", step.jar());
    step.mainClass().ifPresent(m -> jar.put("MainClass", m));
    if (!step.args().isEmpty()) {
      ArrayNode args = jar.putArray("Args");
      step.args().forEach(args::add);
    }
    if (!step.properties().isEmpty()) {
      ArrayNode props = jar.putArray("Properties");
      for (Map.Entry<String, String> e : step.properties().entrySet()) {
        props.addObject().put("Key", e.getKey()).put("Value", e.getValue());
      }
    }
    if (step.logUri().isPresent() || step.logEncryptionKeyArn().isPresent()) {
      ObjectNode s3 =
          s.putObject("StepMonitoringConfiguration").putObject("S3MonitoringConfiguration");
      step.logUri().ifPresent(u -> s3.put("LogUri", u));
      step.logEncryptionKeyArn().ifPresent(k -> s3.put("EncryptionKeyArn", k));
    }
    return s;
  }
}
