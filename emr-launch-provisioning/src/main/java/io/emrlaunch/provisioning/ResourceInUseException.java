package io.emrlaunch.provisioning;

/**
 * {@code destroy} refused to start because an active EMR cluster uses a resource of the profile.
 * Nothing was changed.
 */
public class ResourceInUseException extends ProvisioningException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param kind the resource kind
   * @param resourceName the resource's name
   * @param clusterId the active cluster using it
   */
  public ResourceInUseException(ResourceKind kind, String resourceName, String clusterId) {
    super(kind, resourceName, "is used by active cluster " + clusterId, null);
  }
}
