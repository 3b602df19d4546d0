/**
 * The CloudProvider backend over the official Alibaba Cloud ECS and VPC SDKs. Filled by the Aliyun
 * issue.
 */
package dev.terway4j.cloud.aliyun;
