package io.emrlaunch.provisioning;

/**
 * A resource with the name provisioning would use exists but does not carry this profile's
 * ownership tag ({@value ProfileProvisioner#OWNER_TAG}): it was not created by this provisioner and
 * is never modified or deleted. Nothing was changed.
 */
public class ResourceNotOwnedException extends ProvisioningException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param kind the resource kind
   * @param resourceName the resource's name
   * @param found the ownership tag's value found, or {@code null} when absent
   * @param expected the value this profile uses
   */
  public ResourceNotOwnedException(
      ResourceKind kind, String resourceName, String found, String expected) {
    super(
        kind,
        resourceName,
        "exists but is not owned by this profile (tag "
            + ProfileProvisioner.OWNER_TAG
            + (found == null ? " absent" : "=" + found)
            + ", expected "
            + expected
            + "); it is left untouched: rename the profile or delete the resource",
        null);
  }
}
