package io.emrlaunch.provisioning;

import io.emrlaunch.core.EmrLaunchException;
import java.util.Objects;

/**
 * A provisioning step failed. Names the resource and the AWS operation; a half-applied run is
 * resumed by calling {@code apply} again.
 */
public class ProvisioningException extends EmrLaunchException {
  private static final long serialVersionUID = 1L;

  private final ResourceKind kind;
  private final String resourceName;

  /**
   * Creates the exception.
   *
   * @param kind the resource kind
   * @param resourceName the resource's name
   * @param message what went wrong
   * @param cause the AWS error, or {@code null}
   */
  public ProvisioningException(
      ResourceKind kind, String resourceName, String message, Throwable cause) {
    super(kind + " " + resourceName + ": " + message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.resourceName = Objects.requireNonNull(resourceName, "resourceName");
  }

  /** The kind of the resource that failed. */
  public ResourceKind kind() {
    return kind;
  }

  /** The name of the resource that failed. */
  public String resourceName() {
    return resourceName;
  }
}
