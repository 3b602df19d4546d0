/**
 * Building blocks of the fake cloud: CIDR address pools and token buckets. Not API; may change
 * without notice.
 */
package dev.terway4j.cloud.fake.internal;
