/**
 * Runs the control plane in a Kubernetes cluster through the fabric8 client. Filled by the
 * Kubernetes issue; nothing here yet pretends to work.
 */
package dev.terway4j.kubernetes;
