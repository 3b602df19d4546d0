/**
 * A stateful, deterministic in-memory cloud behind the CloudProvider SPI, registered as {@code
 * fake}.
 *
 * <p>{@link dev.terway4j.cloud.fake.FakeCloudProvider} behaves like ECS as far as the SPI can see:
 * the same ENI states and transitions, per-instance and per-trunk limits, device indexes (VLAN
 * ids), error codes, filters, paging and ClientToken idempotency. It is built from a described
 * topology (zones, VPC, vSwitches with CIDR blocks, security groups, instance types, instances,
 * trunk ENIs); time comes from an injected {@link java.time.Clock} (typically a {@link
 * dev.terway4j.cloud.fake.FakeClock}) and randomness from a seed, so the same seed and the same
 * calls give the same ids, addresses, MACs and VLAN ids. Nothing sleeps and no thread is started.
 *
 * <p>{@link dev.terway4j.cloud.fake.FakeTopology} describes such a topology as typed, checked
 * values (every problem reported at once, by path) and builds both the cloud and the Kubernetes
 * Nodes that match it (provider id, zone and instance-type labels, trunk annotation); a few presets
 * ({@code singleZone()}, {@code threeZones(n)}, {@code contractSuite(region)}) cover common tests.
 *
 * <p>{@link dev.terway4j.cloud.fake.FakeFaults} injects failures per operation (throttling, error
 * codes, latency, apply-then-fail, a server-side rate limit); {@link
 * dev.terway4j.cloud.fake.FakeCall} records every call.
 */
package dev.terway4j.cloud.fake;
