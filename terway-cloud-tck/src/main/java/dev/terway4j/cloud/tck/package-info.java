/**
 * The contract suite every {@link dev.terway4j.cloud.spi.CloudProvider} backend must pass.
 *
 * <p>A backend's test module extends {@link dev.terway4j.cloud.tck.CloudProviderContract} and
 * supplies a {@link dev.terway4j.cloud.tck.TckEnvironment}: a provider over a topology shaped as
 * {@link dev.terway4j.cloud.tck.TckTopology} describes, and a way to let time pass so that
 * asynchronous transitions complete. The fake runs the suite in every build; the Aliyun backend
 * runs it against a local emulator, and against the live cloud under {@code -Plive}.
 */
package dev.terway4j.cloud.tck;
