package dev.terway4j.cloud.spi;

/**
 * The type of a network interface, as ECS reports it.
 *
 * <p>Only {@link #SECONDARY} and {@link #TRUNK} can be created. An ENI created as {@code Secondary}
 * and attached through a trunk ENI reports {@link #MEMBER} while it is attached that way.
 */
public enum NetworkInterfaceType {
  /** The instance's own interface, created and released with it. */
  PRIMARY("Primary"),
  /** An elastic interface attached directly to an instance, or not attached. */
  SECONDARY("Secondary"),
  /** A trunk interface that carries member ENIs as VLANs. */
  TRUNK("Trunk"),
  /** An interface attached through a trunk ENI; its device index is the VLAN id. */
  MEMBER("Member");

  private final String apiName;

  NetworkInterfaceType(String apiName) {
    this.apiName = apiName;
  }

  /**
   * Returns the name the API uses, e.g. {@code Trunk}.
   *
   * @return the API name
   */
  public String apiName() {
    return apiName;
  }

  /**
   * Returns the type with the given API name.
   *
   * @param apiName e.g. {@code Secondary}
   * @return the type
   * @throws IllegalArgumentException if no type has that name
   */
  public static NetworkInterfaceType fromApiName(String apiName) {
    for (NetworkInterfaceType type : values()) {
      if (type.apiName.equals(apiName)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown network interface type: " + apiName);
  }
}
