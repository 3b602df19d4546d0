/**
 * Implementation of the selector module: the kubectl-syntax lexer and parser, the selector
 * implementations, and the resolver's compiled PodNetworkings and index. Not API: may change in any
 * release.
 */
package dev.terway4j.selector.internal;
