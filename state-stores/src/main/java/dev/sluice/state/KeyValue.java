package dev.sluice.state;

/**
 * A key and its value, as returned by store iterators.
 *
 * @param key the key, never null
 * @param value the value, never null (deleted entries are never returned)
 * @param <K> key type
 * @param <V> value type
 */
public record KeyValue<K, V>(K key, V value) {

  /**
   * Creates a pair.
   *
   * @param key the key
   * @param value the value
   * @param <K> key type
   * @param <V> value type
   * @return the pair
   */
  public static <K, V> KeyValue<K, V> of(K key, V value) {
    return new KeyValue<>(key, value);
  }
}
