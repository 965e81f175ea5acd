package io.emrlaunch.ssm.internal;

import io.emrlaunch.core.EmrLaunchException;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.repository.RecordKind;
import io.emrlaunch.core.repository.RecordNotFoundException;
import io.emrlaunch.core.repository.RepositoryAccessDeniedException;
import io.emrlaunch.core.repository.RepositoryException;
import io.emrlaunch.core.repository.VersionSelector;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;

/** Turns SSM client failures into the repository's typed exceptions. */
public final class SsmFailures {
  private SsmFailures() {}

  /** Strips the future wrappers. */
  public static Throwable unwrap(Throwable t) {
    return io.emrlaunch.core.Futures.unwrap(t);
  }

  /** Whether a failure means the parameter (or the selected version or label) does not exist. */
  public static boolean isNotFound(Throwable t) {
    Throwable c = unwrap(t);
    return c instanceof ParameterNotFoundException
        || c instanceof ParameterVersionNotFoundException
        || c instanceof RecordNotFoundException;
  }

  /** Whether a failure is SSM's code for an existing parameter on a create-only put. */
  public static boolean isAlreadyExists(Throwable t) {
    return unwrap(t)
        instanceof software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
  }

  /**
   * Whether SSM refused a Standard-tier write because the parameter is already Advanced (a tier can
   * go up, never down).
   */
  public static boolean isTierDowngrade(Throwable t) {
    Throwable c = unwrap(t);
    if (!(c instanceof AwsServiceException e) || e.statusCode() >= 500) {
      return false;
    }
    String msg =
        String.valueOf(
            e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    String lower = msg.toLowerCase(Locale.ROOT);
    return lower.contains("downgrade") && lower.contains("advanced");
  }

  /**
   * Maps a failure on one record.
   *
   * @param action what was attempted, e.g. {@code reading}
   * @param parameter the parameter name, for the message
   */
  public static RuntimeException onRecord(
      Throwable t,
      String action,
      RecordKind<?> kind,
      RecordRef ref,
      VersionSelector selector,
      String parameter) {
    Throwable c = unwrap(t);
    if (c instanceof EmrLaunchException e) {
      return e;
    }
    if (isNotFound(c)) {
      return new RecordNotFoundException(kind, ref, selector);
    }
    return generic(
        c,
        action
            + " "
            + kind.displayName()
            + " '"
            + ref.name()
            + "' in namespace '"
            + ref.namespace()
            + "' (parameter "
            + parameter
            + ")");
  }

  /**
   * Maps a failure on a namespace or folder.
   *
   * @param what what was attempted, naming the namespace
   */
  public static RuntimeException generic(Throwable t, String what) {
    Throwable c = unwrap(t);
    if (c instanceof EmrLaunchException e) {
      return e;
    }
    if (isAccessDenied(c)) {
      return new RepositoryAccessDeniedException(
          "access denied " + what + ": " + c.getMessage(), c);
    }
    if (c instanceof SdkException s) {
      String why =
          s instanceof AwsServiceException a && a.isThrottlingException()
              ? "SSM kept throttling after the client's retries"
              : "SSM failed";
      return new RepositoryException(what + " failed: " + why + ": " + s.getMessage(), s);
    }
    if (c instanceof RuntimeException r) {
      return r;
    }
    return new RepositoryException(what + " failed: " + c, c);
  }

  private static boolean isAccessDenied(Throwable c) {
    if (c instanceof software.amazon.awssdk.services.ssm.model.AccessDeniedException) {
      return true;
    }
    if (c instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return e.statusCode() == 403
          || "AccessDeniedException".equals(code)
          || "AccessDenied".equals(code)
          || "KMSAccessDeniedException".equals(code);
    }
    return false;
  }
}
