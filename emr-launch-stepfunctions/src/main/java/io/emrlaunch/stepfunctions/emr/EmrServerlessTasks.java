package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.emr.internal.Requests;

/**
 * Task states of the optimized EMR Serverless integration ({@code
 * arn:aws:states:::emr-serverless:*}): the six APIs, each request-response or {@code .sync} ({@code
 * createApplication.sync} waits for CREATED, {@code startApplication.sync} for STARTED, {@code
 * startJobRun.sync} for the run to finish, and so on).
 */
public final class EmrServerlessTasks {
  private static final String SERVICE = "emr-serverless:";

  private EmrServerlessTasks() {}

  /**
   * {@code createApplication}.
   *
   * @param name the state name
   * @param request the CreateApplication shape: {@code ReleaseLabel}, {@code Type}, {@code Name},
   *     capacities, ...
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when ReleaseLabel or Type is missing
   */
  public static EmrTask createApplication(String name, ObjectNode request) {
    return EmrTask.checked(name, SERVICE + "createApplication", request.deepCopy());
  }

  /**
   * {@code startApplication}.
   *
   * @param name the state name
   * @param applicationId the application
   * @return the task
   */
  public static EmrTask startApplication(String name, Arg applicationId) {
    return byApplication(name, "startApplication", applicationId);
  }

  /**
   * {@code stopApplication}.
   *
   * @param name the state name
   * @param applicationId the application
   * @return the task
   */
  public static EmrTask stopApplication(String name, Arg applicationId) {
    return byApplication(name, "stopApplication", applicationId);
  }

  /**
   * {@code deleteApplication}.
   *
   * @param name the state name
   * @param applicationId the application
   * @return the task
   */
  public static EmrTask deleteApplication(String name, Arg applicationId) {
    return byApplication(name, "deleteApplication", applicationId);
  }

  /**
   * {@code startJobRun}.
   *
   * @param name the state name
   * @param request the StartJobRun shape: {@code ApplicationId}, {@code ExecutionRoleArn}, {@code
   *     JobDriver}, ...
   * @return the task
   * @throws io.emrlaunch.core.validation.ValidationException when a required field is missing
   */
  public static EmrTask startJobRun(String name, ObjectNode request) {
    return EmrTask.checked(name, SERVICE + "startJobRun", request.deepCopy());
  }

  /**
   * {@code startJobRun} from its three required fields.
   *
   * @param name the state name
   * @param applicationId the application
   * @param executionRoleArn the job's role
   * @param jobDriver e.g. {@code {"SparkSubmit": {"EntryPoint": "s3://..."}}}
   * @return the task
   */
  public static EmrTask startJobRun(
      String name, Arg applicationId, Arg executionRoleArn, ObjectNode jobDriver) {
    ObjectNode request = Requests.put(Requests.object(), "ApplicationId", applicationId);
    Requests.put(request, "ExecutionRoleArn", executionRoleArn);
    request.set("JobDriver", jobDriver.deepCopy());
    return startJobRun(name, request);
  }

  /**
   * {@code cancelJobRun}.
   *
   * @param name the state name
   * @param applicationId the application
   * @param jobRunId the run
   * @return the task
   */
  public static EmrTask cancelJobRun(String name, Arg applicationId, Arg jobRunId) {
    ObjectNode request = Requests.put(Requests.object(), "ApplicationId", applicationId);
    Requests.put(request, "JobRunId", jobRunId);
    return EmrTask.checked(name, SERVICE + "cancelJobRun", request);
  }

  private static EmrTask byApplication(String name, String api, Arg applicationId) {
    return EmrTask.checked(
        name, SERVICE + api, Requests.put(Requests.object(), "ApplicationId", applicationId));
  }
}
