package dev.sluice.streams.internal.engine;

import org.apache.kafka.common.header.Headers;

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
   * How many partitions a topic has, for custom partitioners.
   *
   * @param topic the topic
   * @return the partition count
   */
  int partitionCount(String topic);
}
