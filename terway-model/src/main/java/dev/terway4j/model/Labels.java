package dev.terway4j.model;

/** The label keys Terway and Kubernetes use that the control plane reads and writes. */
public final class Labels {

  /** Node: its zone. */
  public static final String ZONE = "topology.kubernetes.io/zone";

  /** Node: its zone (deprecated key, read as a fallback). */
  public static final String ZONE_DEPRECATED = "failure-domain.beta.kubernetes.io/zone";

  /** Node: its instance type. */
  public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";

  /** Node: its instance type (deprecated key, read as a fallback). */
  public static final String INSTANCE_TYPE_DEPRECATED = "beta.kubernetes.io/instance-type";

  /** PodENI: the node it is bound to. */
  public static final String NODE = "k8s.aliyun.com/node";

  /** Pod or node: {@code "true"} makes Terway ignore it. */
  public static final String IGNORE_BY_TERWAY = "k8s.aliyun.com/ignore-by-terway";

  /** Namespace: {@code "false"} opts the namespace out of the pod webhook. */
  public static final String POD_ENI = "k8s.aliyun.com/pod-eni";

  private Labels() {}

  /**
   * Node label naming the node's kind; {@code type=virtual-kubelet} marks a virtual node (ECI),
   * whose pods Terway's pod controller leaves alone.
   */
  public static final String NODE_TYPE = "type";

  /** The value of {@link #NODE_TYPE} on a virtual-kubelet node. */
  public static final String VIRTUAL_KUBELET = "virtual-kubelet";
}
