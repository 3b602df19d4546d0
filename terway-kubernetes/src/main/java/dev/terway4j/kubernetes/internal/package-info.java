/**
 * Implementation details of {@code dev.terway4j.kubernetes}: conversions between the fabric8 client
 * and our model through JSON, the three-way merge of PodENI metadata, and the resource definitions
 * of Terway's CRDs. Not API: anything here may change without notice.
 */
package dev.terway4j.kubernetes.internal;
