package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A Kubernetes {@code metav1.LabelSelector}: {@code matchLabels} and {@code matchExpressions},
 * ANDed. An empty selector ({@code {}}) matches everything; whether a selector is set at all is
 * modelled by the {@code Optional} that holds it. Matching lives in the selector module. Immutable
 * and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLabelSelector.class)
@JsonDeserialize(as = ImmutableLabelSelector.class)
public interface LabelSelector {

  /** Returns {@code matchLabels}: each key must have exactly the given value. */
  Map<String, String> matchLabels();

  /** Returns {@code matchExpressions}. */
  List<LabelSelectorRequirement> matchExpressions();

  /** Returns the empty selector {@code {}}, which matches every label set. */
  static LabelSelector everything() {
    return ImmutableLabelSelector.builder().build();
  }

  /** Returns a selector with only the given {@code matchLabels}. */
  static LabelSelector matchLabels(Map<String, String> labels) {
    return ImmutableLabelSelector.builder().matchLabels(labels).build();
  }

  /** Returns a new builder. */
  static ImmutableLabelSelector.Builder builder() {
    return ImmutableLabelSelector.builder();
  }
}
