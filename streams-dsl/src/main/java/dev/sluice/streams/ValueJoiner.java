package dev.sluice.streams;

/**
 * Combines the values of two records with the same key into the value of a join result.
 *
 * @param <V1> the left (this) side's value type
 * @param <V2> the right (other) side's value type
 * @param <VR> result value type
 */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {

  /**
   * Joins two values.
   *
   * @param value1 the left value; null only for the missing side of an outer join
   * @param value2 the right value; null for the missing side of a left or outer join
   * @return the joined value
   */
  VR apply(V1 value1, V2 value2);
}
