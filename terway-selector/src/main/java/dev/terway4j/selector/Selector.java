package dev.terway4j.selector;

import dev.terway4j.selector.internal.NothingSelector;
import dev.terway4j.selector.internal.RequirementSelector;
import dev.terway4j.selector.internal.SelectorParser;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes label selector: requirements that must all hold, shaped like apimachinery's {@code
 * labels.Selector}.
 *
 * <p>Requirements are kept sorted by key (stably: requirements on one key keep their order), so
 * {@link #toString()} is canonical and {@link #parse(String)} of it gives back an equal selector.
 * Two selectors are equal when their requirement lists are. {@link #everything()} (no requirement)
 * matches every label set; {@link #nothing()} matches none and is what an absent {@code
 * LabelSelector} converts to.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Selector {

  /**
   * Returns whether every requirement holds for a label set.
   *
   * @throws NullPointerException if {@code labels} is null
   */
  boolean matches(Map<String, String> labels);

  /**
   * Returns the requirements a label set fails, in selector order; empty when it matches. For
   * {@link #nothing()} it is empty too, although nothing matches: check {@link #isNothing()}.
   */
  List<Requirement> unmetRequirements(Map<String, String> labels);

  /** Returns whether this selector has no requirement and so matches everything. */
  boolean isEverything();

  /** Returns whether this is the {@link #nothing()} selector. */
  boolean isNothing();

  /** Returns the requirements, sorted by key; empty for both everything and nothing. */
  List<Requirement> requirements();

  /**
   * Returns a selector with these requirements and more; {@link #nothing()} stays nothing.
   *
   * @throws NullPointerException if a requirement is null
   */
  Selector and(Collection<Requirement> more);

  /**
   * Returns the only value this selector lets the key have, when one requirement on the key is
   * {@code =}, {@code ==} or an {@code in} with a single value, as apimachinery's {@code
   * RequiresExactMatch}.
   */
  Optional<String> requiredValue(String key);

  /**
   * Returns the kubectl form, requirements comma-separated in key order, e.g. {@code
   * app=web,tier!=db,zone in (a,b)}; {@code ""} for both everything and nothing (as Kubernetes).
   */
  @Override
  String toString();

  /** Returns the selector that matches every label set. */
  static Selector everything() {
    return RequirementSelector.EVERYTHING;
  }

  /** Returns the selector that matches no label set. */
  static Selector nothing() {
    return NothingSelector.INSTANCE;
  }

  /**
   * Returns the selector of some requirements, sorted by key.
   *
   * @throws NullPointerException if a requirement is null
   */
  static Selector of(Collection<Requirement> requirements) {
    return RequirementSelector.EVERYTHING.and(requirements);
  }

  /**
   * Returns the selector of some requirements, sorted by key.
   *
   * @throws NullPointerException if a requirement is null
   */
  static Selector of(Requirement... requirements) {
    return of(Arrays.asList(requirements));
  }

  /**
   * Parses the kubectl syntax, exactly as apimachinery's {@code labels.Parse}: {@code
   * app=web,tier!=db,env in (a,b),zone notin (x),gpu,!spot,replicas>1}. Whitespace around tokens is
   * ignored; {@code ""} is {@link #everything()}.
   *
   * @throws SelectorParseException naming the position when the text is not a selector, or when a
   *     key or value breaks the Kubernetes rules (then with every violation)
   * @throws NullPointerException if {@code text} is null
   */
  static Selector parse(String text) {
    return SelectorParser.parse(text);
  }
}
