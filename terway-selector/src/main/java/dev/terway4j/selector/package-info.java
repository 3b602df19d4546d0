/**
 * The Kubernetes label-selector engine and the pod to PodNetworking resolver. Filled by the
 * selector issue; nothing here yet pretends to work.
 */
package dev.terway4j.selector;
