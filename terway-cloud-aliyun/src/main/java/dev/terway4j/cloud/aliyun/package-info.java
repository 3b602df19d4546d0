/**
 * The {@link dev.terway4j.cloud.spi.CloudProvider} backend over the official Alibaba Cloud ECS and
 * VPC Java SDKs, registered as {@code aliyun}.
 *
 * <p>Build an {@link dev.terway4j.cloud.aliyun.AliyunCloudConfig} (region, endpoints, {@link
 * dev.terway4j.cloud.aliyun.AliyunCredentials}, timeouts; checked when built) and pass it to {@link
 * dev.terway4j.cloud.aliyun.AliyunCloudProvider#create}, or load the backend by id through {@link
 * dev.terway4j.cloud.spi.CloudProviders#load} with string settings (see {@link
 * dev.terway4j.cloud.aliyun.AliyunCloudProviderFactory}). The provider passes the same contract
 * suite as the in-memory fake, through the real SDK against a local ECS/VPC emulator.
 */
package dev.terway4j.cloud.aliyun;
