package dev.sluice.streams.internal.engine;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Where sinks hand serialized records: a Kafka producer in the runtime, in-memory topics in the
 * test driver. This is the only output edge of a task.
 */
public interface RecordCollector {

  /**
   * Sends one record.
   *
   * @param topic the topic
   * @param partition the partition, or null to choose by key hash
   * @param timestamp the record timestamp
   * @param key the serialized key, may be null
   * @param value the serialized value, may be null
   * @param headers the headers
   */
  void send(
      String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers);

  /**
   * Sends one state change to a store's changelog partition, without headers. Unlike {@link #send},
   * the runtime tracks its acknowledgement: the highest acknowledged offset per changelog partition
   * is what a task may checkpoint. By default it is an ordinary send.
   *
   * @param topic the changelog topic
   * @param partition the changelog partition (the task's)
   * @param timestamp the timestamp of the change
   * @param key the store key bytes
   * @param value the new value bytes, or null for a deletion
   */
  default void sendChangelog(
      String topic, int partition, long timestamp, byte[] key, byte[] value) {
    send(topic, partition, timestamp, key, value, new RecordHeaders());
  }

  /**
   * How many partitions a topic has, for custom partitioners.
   *
   * @param topic the topic
   * @return the partition count
   */
  int partitionCount(String topic);
}
