/**
 * Internals of the Aliyun backend, not API: the translation of SDK failures into the SPI's portable
 * exceptions ({@link dev.terway4j.cloud.aliyun.internal.AliyunErrorTranslator}), the redaction of
 * credentials from every text that leaves the backend ({@link
 * dev.terway4j.cloud.aliyun.internal.SecretRedactor}, {@link
 * dev.terway4j.cloud.aliyun.internal.LearningCredentialsProvider}), the bounds on replies ({@link
 * dev.terway4j.cloud.aliyun.internal.BoundedReplies}) and the translation of SDK response models
 * into SPI values ({@link dev.terway4j.cloud.aliyun.internal.AliyunModels}).
 */
package dev.terway4j.cloud.aliyun.internal;
