package dev.sluice.streams;

/**
 * Chooses the output topic of each record at run time.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {

  /**
   * Names the topic for one record.
   *
   * @param key the key
   * @param value the value
   * @param timestamp the record timestamp
   * @return the topic name, never null
   */
  String extract(K key, V value, long timestamp);
}
