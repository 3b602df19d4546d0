package dev.terway4j.model;

/** The annotation keys and finalizers Terway reads and writes. */
public final class Annotations {

  /** Pod: the name of the PodNetworking that matched. */
  public static final String POD_NETWORKING = "k8s.aliyun.com/pod-networking";

  /** Pod: {@code "true"} when the pod uses the PodENI path. */
  public static final String POD_ENI = "k8s.aliyun.com/pod-eni";

  /** Pod: the JSON of the resolved per-interface configuration. */
  public static final String POD_NETWORKS = "k8s.aliyun.com/pod-networks";

  /** Pod: a user's JSON request of named networks (multi-network). */
  public static final String POD_NETWORKS_REQUEST = "k8s.aliyun.com/pod-networks-request";

  /**
   * Node: the node's ECS instance type as JSON ({@code ecs.InstanceType} of the
   * DescribeInstanceTypes reply: {@code EniQuantity}, {@code EniTotalQuantity}, {@code
   * EniTrunkSupported} and so on), which Terway reads instead of calling DescribeInstanceTypes.
   */
  public static final String INSTANCE_TYPE_INFO = "alibabacloud.com/instance-type-info";

  /** Node: the trunk ENI id of the node. */
  public static final String TRUNK_ON = "k8s.aliyun.com/trunk-on";

  /** PodENI: the UID of the pod that owns it. */
  public static final String POD_UID = "k8s.aliyun.com/pod-uid";

  /** PodENI finalizer (current). */
  public static final String POD_ENI_FINALIZER = "network.alibabacloud.com/pod-eni";

  /** PodENI finalizer (deprecated, still honoured). */
  public static final String POD_ENI_FINALIZER_DEPRECATED = "pod-eni";

  private Annotations() {}
}
