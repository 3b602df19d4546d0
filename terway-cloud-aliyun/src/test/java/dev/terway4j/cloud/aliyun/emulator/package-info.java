/**
 * A local ECS/VPC OpenAPI emulator for tests: {@link
 * dev.terway4j.cloud.aliyun.emulator.AliyunEmulator} serves the Tea SDK's wire format on 127.0.0.1,
 * verifies ACS3-HMAC-SHA256 signatures, keeps its state in a fake cloud, and injects wire-level
 * faults ({@link dev.terway4j.cloud.aliyun.emulator.EmulatorFaults}).
 */
package dev.terway4j.cloud.aliyun.emulator;
