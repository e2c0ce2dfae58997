package dev.sluice.streams;

/**
 * Folds one value into a key's aggregate. For a grouped table it is used twice: as the adder of new
 * values and as the subtractor of values that left the group.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <VA> aggregate type
 */
@FunctionalInterface
public interface Aggregator<K, V, VA> {

  /**
   * Computes the new aggregate.
   *
   * @param key the grouping key, not null
   * @param value the value, not null
   * @param aggregate the current aggregate, not null
   * @return the new aggregate; null deletes the key from the result table
   */
  VA apply(K key, V value, VA aggregate);
}
