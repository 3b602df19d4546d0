/**
 * Internals of the Aliyun backend, not API: the translation of SDK failures into the SPI's portable
 * exceptions ({@link dev.terway4j.cloud.aliyun.internal.AliyunErrorTranslator}) and of SDK response
 * models into SPI values ({@link dev.terway4j.cloud.aliyun.internal.AliyunModels}).
 */
package dev.terway4j.cloud.aliyun.internal;
