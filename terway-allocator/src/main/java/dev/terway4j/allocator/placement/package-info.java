/**
 * Placement: may this pod run on this node, and if not why. {@link
 * dev.terway4j.allocator.placement.PlacementAdvisor} answers as the allocator would, without side
 * effects and without calling the cloud, from sources a scheduler keeps in memory: member slots
 * ({@link dev.terway4j.allocator.placement.NodeCapacityView}, from the local allocator or computed
 * from PodENI records in a {@link dev.terway4j.allocator.placement.PodEniLedger}), vSwitch zones
 * and free addresses ({@link dev.terway4j.allocator.placement.VSwitchAvailability}) and the pods'
 * PodENIs ({@link dev.terway4j.allocator.placement.PodEniLookup}). See docs/behaviour.md,
 * "Placement".
 */
package dev.terway4j.allocator.placement;
