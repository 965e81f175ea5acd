package io.emrlaunch.testkit;

import io.emrlaunch.testkit.ec2.FakeEc2;
import io.emrlaunch.testkit.emr.FakeEmr;
import io.emrlaunch.testkit.events.FakeEventBridge;
import io.emrlaunch.testkit.iam.FakeIam;
import io.emrlaunch.testkit.s3.FakeS3;
import io.emrlaunch.testkit.secrets.FakeSecretsManager;
import io.emrlaunch.testkit.sfn.FakeSfn;
import io.emrlaunch.testkit.sqs.FakeSqs;
import io.emrlaunch.testkit.ssm.FakeSsm;
import java.lang.reflect.AnnotatedElement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeAsyncClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The JUnit 5 extension behind {@link EmrLaunchTest}: one fresh {@link FakeAws} per test, shared by
 * the test instance's constructor and the test method's parameters.
 */
public final class FakeAwsExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeAwsExtension.class);
  private static final String FROM_CONSTRUCTOR = "constructor";
  private static final String FOR_TEST = "test";

  /** Creates the extension; JUnit does this. */
  public FakeAwsExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakeAws.class
        || type == VirtualTime.class
        || type == VirtualClock.class
        || type == Clock.class
        || type == VirtualScheduler.class
        || type == ScheduledExecutorService.class
        || type == CallLog.class
        || type == FaultPlan.class
        || type == FakeEmr.class
        || type == EmrClient.class
        || type == EmrAsyncClient.class
        || type == FakeSsm.class
        || type == SsmClient.class
        || type == SsmAsyncClient.class
        || type == FakeSfn.class
        || type == SfnClient.class
        || type == SfnAsyncClient.class
        || type == FakeIam.class
        || type == IamClient.class
        || type == IamAsyncClient.class
        || type == FakeEc2.class
        || type == Ec2Client.class
        || type == Ec2AsyncClient.class
        || type == FakeSecretsManager.class
        || type == SecretsManagerClient.class
        || type == SecretsManagerAsyncClient.class
        || type == FakeS3.class
        || type == S3Client.class
        || type == S3AsyncClient.class
        || type == FakeSqs.class
        || type == SqsClient.class
        || type == SqsAsyncClient.class
        || type == FakeEventBridge.class
        || type == EventBridgeClient.class
        || type == EventBridgeAsyncClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakeAws aws = fakeAws(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == FakeAws.class) {
      return aws;
    } else if (type == VirtualTime.class) {
      return aws.time();
    } else if (type == VirtualClock.class || type == Clock.class) {
      return aws.clock();
    } else if (type == VirtualScheduler.class || type == ScheduledExecutorService.class) {
      return aws.scheduler();
    } else if (type == CallLog.class) {
      return aws.calls();
    } else if (type == FaultPlan.class) {
      return aws.faults();
    } else if (type == FakeEmr.class) {
      return aws.emrBackend();
    } else if (type == EmrClient.class) {
      return aws.emr();
    } else if (type == EmrAsyncClient.class) {
      return aws.emrAsync();
    } else if (type == FakeSsm.class) {
      return aws.ssmBackend();
    } else if (type == SsmClient.class) {
      return aws.ssm();
    } else if (type == SsmAsyncClient.class) {
      return aws.ssmAsync();
    } else if (type == FakeSfn.class) {
      return aws.sfnBackend();
    } else if (type == SfnClient.class) {
      return aws.sfn();
    } else if (type == SfnAsyncClient.class) {
      return aws.sfnAsync();
    } else if (type == FakeIam.class) {
      return aws.iamBackend();
    } else if (type == IamClient.class) {
      return aws.iam();
    } else if (type == IamAsyncClient.class) {
      return aws.iamAsync();
    } else if (type == FakeEc2.class) {
      return aws.ec2Backend();
    } else if (type == Ec2Client.class) {
      return aws.ec2();
    } else if (type == Ec2AsyncClient.class) {
      return aws.ec2Async();
    } else if (type == FakeSecretsManager.class) {
      return aws.secretsManagerBackend();
    } else if (type == SecretsManagerClient.class) {
      return aws.secretsManager();
    } else if (type == SecretsManagerAsyncClient.class) {
      return aws.secretsManagerAsync();
    } else if (type == FakeS3.class) {
      return aws.s3Backend();
    } else if (type == S3Client.class) {
      return aws.s3();
    } else if (type == S3AsyncClient.class) {
      return aws.s3Async();
    } else if (type == FakeSqs.class) {
      return aws.sqsBackend();
    } else if (type == SqsClient.class) {
      return aws.sqs();
    } else if (type == SqsAsyncClient.class) {
      return aws.sqsAsync();
    } else if (type == FakeEventBridge.class) {
      return aws.eventBridgeBackend();
    } else if (type == EventBridgeClient.class) {
      return aws.eventBridge();
    } else if (type == EventBridgeAsyncClient.class) {
      return aws.eventBridgeAsync();
    }
    throw new ParameterResolutionException("unsupported parameter type " + type);
  }

  /**
   * Constructor parameters are resolved in the class context before the test method's context
   * exists; the bundle made for the constructor is handed on to the next test method (per-method
   * lifecycle) or shared (per-class lifecycle).
   */
  private static FakeAws fakeAws(ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      return context
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(FROM_CONSTRUCTOR, k -> newFakeAws(context), FakeAws.class);
    }
    ExtensionContext.Store methodStore = context.getStore(NAMESPACE);
    return methodStore.getOrComputeIfAbsent(
        FOR_TEST, k -> fromConstructorOrNew(context), FakeAws.class);
  }

  private static FakeAws fromConstructorOrNew(ExtensionContext context) {
    Optional<ExtensionContext> parent = context.getParent();
    if (parent.isPresent()) {
      ExtensionContext.Store classStore = parent.get().getStore(NAMESPACE);
      boolean perClass =
          context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
              == TestInstance.Lifecycle.PER_CLASS;
      FakeAws fromConstructor =
          perClass
              ? classStore.get(FROM_CONSTRUCTOR, FakeAws.class)
              : classStore.remove(FROM_CONSTRUCTOR, FakeAws.class);
      if (fromConstructor != null) {
        return fromConstructor;
      }
    }
    return newFakeAws(context);
  }

  private static FakeAws newFakeAws(ExtensionContext context) {
    EmrLaunchTest settings = settings(context);
    long seed = settings == null ? 1 : settings.seed();
    Instant start = settings == null ? VirtualTime.DEFAULT_START : Instant.parse(settings.start());
    context.publishReportEntry("emrlaunch.seed", Long.toString(seed));
    return FakeAws.builder().seed(seed).start(start).build();
  }

  private static EmrLaunchTest settings(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Optional<AnnotatedElement> element = c.get().getElement();
      if (element.isPresent()) {
        Optional<EmrLaunchTest> found =
            AnnotationSupport.findAnnotation(element.get(), EmrLaunchTest.class);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    return null;
  }
}
