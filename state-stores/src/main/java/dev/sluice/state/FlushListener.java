package dev.sluice.state;

/**
 * Told about every cache entry that leaves the record cache for the store, on commit or on
 * eviction. The DSL turns these calls into table updates.
 *
 * <p>Called on the thread that commits or writes, after the entry reached the store and the
 * changelog sink. Must not write to the same store.
 *
 * @param <K> the key type of the store's entries ({@code K} for key-value stores, {@code
 *     Windowed<K>} for window and session stores)
 * @param <V> value type
 */
@FunctionalInterface
public interface FlushListener<K, V> {

  /**
   * One flushed entry.
   *
   * @param key the key
   * @param newValue the value now in the store, or {@code null} if the entry was deleted
   * @param oldValue the value the store held before this flush, or {@code null} if none
   * @param timestamp the timestamp of the last write to this key
   */
  void onFlush(K key, V newValue, V oldValue, long timestamp);
}
