package dev.sluice.streams.internal.engine;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/**
 * The raw record a task is decoding, read in place: a consumer record (the runtime) or the parts of
 * one (the test driver, which then needs no {@link ConsumerRecord} per record). A task has one and
 * refills it for each record; nothing may keep a reference to it.
 */
final class RawInput {
  String topic;
  int partition;
  long offset;
  long timestamp;
  byte[] key;
  byte[] value;
  Headers headers;
  private ConsumerRecord<byte[], byte[]> consumerRecord;

  void set(ConsumerRecord<byte[], byte[]> raw) {
    topic = raw.topic();
    partition = raw.partition();
    offset = raw.offset();
    timestamp = raw.timestamp();
    key = raw.key();
    value = raw.value();
    headers = raw.headers();
    consumerRecord = raw;
  }

  void set(
      TopicPartition from, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {
    this.topic = from.topic();
    this.partition = from.partition();
    this.offset = offset;
    this.timestamp = timestamp;
    this.key = key;
    this.value = value;
    this.headers = headers;
    this.consumerRecord = null;
  }

  /**
   * The record as a consumer record, for deserialization handlers and for queueing: the one it was
   * set from, or a create-time record built from its parts.
   *
   * @return the consumer record
   */
  ConsumerRecord<byte[], byte[]> consumerRecord() {
    if (consumerRecord == null) {
      consumerRecord =
          new ConsumerRecord<>(
              topic,
              partition,
              offset,
              timestamp,
              TimestampType.CREATE_TIME,
              key == null ? -1 : key.length,
              value == null ? -1 : value.length,
              key,
              value,
              headers,
              Optional.empty(),
              Optional.empty());
    }
    return consumerRecord;
  }
}
