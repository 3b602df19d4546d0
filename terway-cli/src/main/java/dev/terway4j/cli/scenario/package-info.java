/**
 * {@code terway simulate}'s scenarios: the format ({@link dev.terway4j.cli.scenario.Scenario}, read
 * by {@link dev.terway4j.cli.scenario.ScenarioReader}) and the run on the in-memory cloud ({@link
 * dev.terway4j.cli.scenario.Simulation}).
 *
 * <p>A scenario is one YAML document: the cloud (region, zones, vSwitches with CIDRs, instance
 * types with ENI limits), the nodes, the namespaces, the PodNetworkings (inline or from files), and
 * the steps: create or delete pods, release a PodENI, advance the clock, inject a fault, restart
 * the allocator, each with optional expectations. The simulation drives the real allocator ({@code
 * dev.terway4j.allocator.TrunkAllocator}) and Terway's webhook logic against {@code
 * FakeCloudProvider} in virtual time; nothing is mocked.
 */
package dev.terway4j.cli.scenario;
