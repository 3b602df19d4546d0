/**
 * Immutable models of Terway's CRDs ({@link dev.terway4j.model.PodNetworking}, {@link
 * dev.terway4j.model.PodEni}) and the read views of Kubernetes objects the control plane needs
 * ({@link dev.terway4j.model.Pod}, {@link dev.terway4j.model.Namespace}, {@link
 * dev.terway4j.model.Node}).
 *
 * <p>Every type is an immutable value built with its generated {@code Immutable*} builder; every
 * attribute is named exactly like its JSON field. Reading and writing YAML and JSON lives in one
 * place, {@link dev.terway4j.model.Manifests}; validation in {@link
 * dev.terway4j.model.ManifestValidator}; Go durations in {@link dev.terway4j.model.GoDurations}.
 * Values are thread-safe; so are the static entry points.
 */
@ModelStyle
package dev.terway4j.model;

import dev.terway4j.model.internal.ModelStyle;
