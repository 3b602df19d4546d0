package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * One entry of {@code matchExpressions}: a key, an operator and values. Syntax rules (keys, value
 * counts) are checked by {@link ManifestValidator}, not here, so that invalid manifests can be read
 * and reported in full. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableLabelSelectorRequirement.class)
@JsonDeserialize(as = ImmutableLabelSelectorRequirement.class)
public interface LabelSelectorRequirement {

  /** Returns {@code key}. */
  @Value.Default
  default String key() {
    return "";
  }

  /** Returns {@code operator}. */
  LabelSelectorOperator operator();

  /** Returns {@code values}. */
  List<String> values();

  /** Returns a requirement of the given key, operator and values. */
  static LabelSelectorRequirement of(String key, LabelSelectorOperator operator, String... values) {
    return ImmutableLabelSelectorRequirement.builder()
        .key(key)
        .operator(operator)
        .addValues(values)
        .build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableLabelSelectorRequirement.Builder builder() {
    return ImmutableLabelSelectorRequirement.builder();
  }
}
