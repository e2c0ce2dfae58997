package dev.sluice.streams;

/**
 * Chooses the partition of each record written to a topic.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface StreamPartitioner<K, V> {

  /**
   * Chooses a partition.
   *
   * @param topic the topic being written
   * @param key the key
   * @param value the value
   * @param numPartitions how many partitions the topic has
   * @return a partition in {@code [0, numPartitions)}, or null for the default (key hash)
   */
  Integer partition(String topic, K key, V value, int numPartitions);
}
