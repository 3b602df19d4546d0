package dev.terway4j.cloud.spi;

/**
 * The status of a network interface, as ECS reports it.
 *
 * <p>Lifecycle: {@code Available} → (attach) {@code Attaching} → {@code InUse} → (detach) {@code
 * Detaching} → {@code Available} → (delete) {@code Deleting} → gone.
 */
public enum NetworkInterfaceStatus {
  /** Created and not attached. */
  AVAILABLE("Available"),
  /** An attach is in progress. */
  ATTACHING("Attaching"),
  /** Attached to an instance (directly, or as a member of its trunk). */
  IN_USE("InUse"),
  /** A detach is in progress. */
  DETACHING("Detaching"),
  /** A delete is in progress. */
  DELETING("Deleting");

  private final String apiName;

  NetworkInterfaceStatus(String apiName) {
    this.apiName = apiName;
  }

  /**
   * Returns the name the API uses, e.g. {@code InUse}.
   *
   * @return the API name
   */
  public String apiName() {
    return apiName;
  }

  /**
   * Returns the status with the given API name.
   *
   * @param apiName e.g. {@code InUse}
   * @return the status
   * @throws IllegalArgumentException if no status has that name
   */
  public static NetworkInterfaceStatus fromApiName(String apiName) {
    for (NetworkInterfaceStatus status : values()) {
      if (status.apiName.equals(apiName)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown network interface status: " + apiName);
  }
}
