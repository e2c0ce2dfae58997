package dev.sluice.streams;

/**
 * Maps a record's key and value to a result (a new key, a {@link KeyValue}, or an iterable of
 * them).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <R> result type
 */
@FunctionalInterface
public interface KeyValueMapper<K, V, R> {

  /**
   * Maps one record.
   *
   * @param key the key, may be null
   * @param value the value, may be null
   * @return the result
   */
  R apply(K key, V value);
}
