package dev.sluice.streams;

/**
 * Combines a key's aggregate with one more value of the same type (or, as a grouped table's
 * subtractor, removes a value that left the group).
 *
 * @param <V> value and aggregate type
 */
@FunctionalInterface
public interface Reducer<V> {

  /**
   * Computes the new aggregate.
   *
   * @param aggregate the current aggregate, not null
   * @param value the value, not null
   * @return the new aggregate; null deletes the key from the result table
   */
  V apply(V aggregate, V value);
}
