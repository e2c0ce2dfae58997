package dev.sluice.streams.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/**
 * Keeps every send as the consumer record a reader of that topic would see, with offsets counted
 * per topic and partition, so that changelog records can be replayed into another task.
 */
final class CapturingCollector implements RecordCollector {
  final Map<String, List<ConsumerRecord<byte[], byte[]>>> topics = new LinkedHashMap<>();

  @Override
  public void send(
      String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers) {
    List<ConsumerRecord<byte[], byte[]>> records =
        topics.computeIfAbsent(topic, t -> new ArrayList<>());
    records.add(
        new ConsumerRecord<>(
            topic,
            partition == null ? 0 : partition,
            records.size(),
            timestamp,
            TimestampType.CREATE_TIME,
            key == null ? -1 : key.length,
            value == null ? -1 : value.length,
            key,
            value,
            headers,
            Optional.empty(),
            Optional.empty()));
  }

  @Override
  public int partitionCount(String topic) {
    return 1;
  }

  List<ConsumerRecord<byte[], byte[]>> records(String topic) {
    return topics.getOrDefault(topic, List.of());
  }
}
