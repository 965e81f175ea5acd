package io.emrlaunch.testkit.moto;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The JUnit 5 extension behind {@link MotoTest}.
 *
 * <p>One {@link MotoServer} serves the whole test run (it starts in about a second and is stopped
 * when the run ends); before each test its state is reset and Step Functions is returned to the
 * default (non-executing) mode, so tests don't see each other. The system property {@code
 * moto.endpoint} makes it use an already running server instead of starting one.
 *
 * <p>Without moto the tests are skipped, with the reason in the report. With {@code
 * -Demrlaunch.requireMoto=true} (set by CI) they fail instead, so a missing moto can't pass
 * silently.
 */
public final class MotoExtension
    implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  /** The system property that turns a missing moto from a skip into a failure. */
  public static final String REQUIRE_PROPERTY = "emrlaunch.requireMoto";

  /** The system property naming a running moto server to use instead of starting one. */
  public static final String ENDPOINT_PROPERTY = "moto.endpoint";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MotoExtension.class);

  private static final Map<Class<?>, Function<MotoServer, Object>> INJECTABLE =
      Map.ofEntries(
          Map.entry(MotoServer.class, s -> s),
          Map.entry(SsmClient.class, MotoServer::ssm),
          Map.entry(SsmAsyncClient.class, MotoServer::ssmAsync),
          Map.entry(EmrClient.class, MotoServer::emr),
          Map.entry(EmrAsyncClient.class, MotoServer::emrAsync),
          Map.entry(SfnClient.class, MotoServer::sfn),
          Map.entry(SfnAsyncClient.class, MotoServer::sfnAsync),
          Map.entry(IamClient.class, MotoServer::iam),
          Map.entry(IamAsyncClient.class, MotoServer::iamAsync),
          Map.entry(Ec2Client.class, MotoServer::ec2),
          Map.entry(Ec2AsyncClient.class, MotoServer::ec2Async),
          Map.entry(S3Client.class, MotoServer::s3),
          Map.entry(S3AsyncClient.class, MotoServer::s3Async));

  /** Creates the extension (JUnit does this through {@link MotoTest}). */
  public MotoExtension() {}

  static boolean required() {
    return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String endpoint = System.getProperty(ENDPOINT_PROPERTY);
    return decide(
        endpoint, endpoint != null ? Optional.empty() : MotoServer.unavailableReason(), required());
  }

  /** Run or skip: run when moto is reachable or required (then a missing moto fails the test). */
  static ConditionEvaluationResult decide(
      String endpoint, Optional<String> unavailable, boolean required) {
    if (endpoint != null) {
      return ConditionEvaluationResult.enabled("using moto at " + endpoint);
    }
    if (unavailable.isEmpty()) {
      return ConditionEvaluationResult.enabled("moto is available");
    }
    if (required) {
      return ConditionEvaluationResult.enabled(
          "moto is missing but " + REQUIRE_PROPERTY + "=true: the test will fail");
    }
    return ConditionEvaluationResult.disabled(
        "moto is not available ("
            + unavailable.get()
            + "); skipped. Set -D"
            + REQUIRE_PROPERTY
            + "=true to fail instead.");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    MotoServer server = server(context);
    server.reset();
    if (server.stepFunctionsExecutionEnabled()) {
      server.disableStepFunctionsExecution();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTABLE.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Function<MotoServer, Object> f = INJECTABLE.get(parameter.getParameter().getType());
    if (f == null) {
      throw new ParameterResolutionException("not injectable: " + parameter.getParameter());
    }
    return f.apply(server(context));
  }

  /** The run's shared server, started on first use and closed when the run ends. */
  static MotoServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> startServer(), MotoServer.class);
  }

  private static MotoServer startServer() {
    String endpoint = System.getProperty(ENDPOINT_PROPERTY);
    if (endpoint != null) {
      return MotoServer.connect(URI.create(endpoint), Region.US_EAST_1);
    }
    failIfUnavailable(MotoServer.unavailableReason());
    return MotoServer.start();
  }

  /** The failure a required but missing moto produces before any test body runs. */
  static void failIfUnavailable(Optional<String> reason) {
    if (reason.isPresent()) {
      throw new IllegalStateException(
          "moto is required (" + REQUIRE_PROPERTY + "=true) but not available: " + reason.get());
    }
  }
}
