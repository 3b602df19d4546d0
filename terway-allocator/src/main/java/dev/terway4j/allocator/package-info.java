/**
 * vSwitch selection and the trunk member-ENI allocator with the PodENI lifecycle. Filled by the
 * allocator issue.
 */
package dev.terway4j.allocator;
