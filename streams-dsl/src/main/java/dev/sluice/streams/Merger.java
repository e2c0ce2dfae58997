package dev.sluice.streams;

/**
 * Combines the aggregates of two sessions of one key that a new record joins into one session.
 *
 * @param <K> key type
 * @param <VA> aggregate type
 */
@FunctionalInterface
public interface Merger<K, VA> {

  /**
   * Merges two aggregates.
   *
   * @param key the key, not null
   * @param earlier the aggregate of the earlier session
   * @param later the aggregate of the later session
   * @return the merged aggregate
   */
  VA apply(K key, VA earlier, VA later);
}
