package dev.terway4j.cloud.spi;

/**
 * The operations of {@link CloudProvider}, each named after the cloud API action it performs.
 *
 * <p>Used to key per-API rate limits, call logs and counters.
 */
public enum CloudOperation {
  /** {@link CloudProvider#describeInstanceTypes}. */
  DESCRIBE_INSTANCE_TYPES("DescribeInstanceTypes"),
  /** {@link CloudProvider#describeVSwitch}. */
  DESCRIBE_VSWITCHES("DescribeVSwitches"),
  /** {@link CloudProvider#createNetworkInterface}. */
  CREATE_NETWORK_INTERFACE("CreateNetworkInterface"),
  /** {@link CloudProvider#attachNetworkInterface}. */
  ATTACH_NETWORK_INTERFACE("AttachNetworkInterface"),
  /** {@link CloudProvider#detachNetworkInterface}. */
  DETACH_NETWORK_INTERFACE("DetachNetworkInterface"),
  /** {@link CloudProvider#deleteNetworkInterface}. */
  DELETE_NETWORK_INTERFACE("DeleteNetworkInterface"),
  /** {@link CloudProvider#describeNetworkInterfaces}. */
  DESCRIBE_NETWORK_INTERFACES("DescribeNetworkInterfaces");

  private final String apiName;

  CloudOperation(String apiName) {
    this.apiName = apiName;
  }

  /**
   * Returns the API action's name, e.g. {@code CreateNetworkInterface}.
   *
   * @return the action name
   */
  public String apiName() {
    return apiName;
  }
}
