package dev.terway4j.selector.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.terway4j.selector.Operator;
import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A selector made of requirements, all of which must hold. Immutable and thread-safe. */
public final class RequirementSelector implements Selector {

  /** The selector without requirements. */
  public static final RequirementSelector EVERYTHING = new RequirementSelector(ImmutableList.of());

  private final ImmutableList<Requirement> requirements;
  private final Requirement[] array;

  private RequirementSelector(ImmutableList<Requirement> requirements) {
    this.requirements = requirements;
    this.array = requirements.toArray(new Requirement[0]);
  }

  @Override
  public boolean matches(Map<String, String> labels) {
    checkNotNull(labels, "labels");
    for (Requirement requirement : array) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<Requirement> unmetRequirements(Map<String, String> labels) {
    checkNotNull(labels, "labels");
    List<Requirement> unmet = new ArrayList<>();
    for (Requirement requirement : array) {
      if (!requirement.matches(labels)) {
        unmet.add(requirement);
      }
    }
    return unmet;
  }

  @Override
  public boolean isEverything() {
    return array.length == 0;
  }

  @Override
  public boolean isNothing() {
    return false;
  }

  @Override
  public List<Requirement> requirements() {
    return requirements;
  }

  @Override
  public Selector and(Collection<Requirement> more) {
    checkNotNull(more, "more");
    if (more.isEmpty()) {
      return this;
    }
    List<Requirement> all = new ArrayList<>(requirements.size() + more.size());
    all.addAll(requirements);
    for (Requirement requirement : more) {
      all.add(checkNotNull(requirement, "requirement"));
    }
    // List.sort is stable: requirements on one key keep their order, so printing and parsing
    // back gives an equal selector.
    all.sort(Comparator.comparing(Requirement::key));
    return new RequirementSelector(ImmutableList.copyOf(all));
  }

  @Override
  public Optional<String> requiredValue(String key) {
    checkNotNull(key, "key");
    for (Requirement requirement : array) {
      if (requirement.key().equals(key)) {
        Operator op = requirement.operator();
        if (op.inclusion() && requirement.values().size() == 1) {
          return Optional.of(requirement.values().first());
        }
        // As apimachinery: only the first requirement on the key is looked at.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequirementSelector
        && requirements.equals(((RequirementSelector) o).requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode();
  }
}
