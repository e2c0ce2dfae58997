package dev.sluice.streams;

import dev.sluice.streams.internal.RecordTimestampExtractor;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the event time of a source record. */
@FunctionalInterface
public interface TimestampExtractor {

  /**
   * Returns the event time of a deserialized source record.
   *
   * @param record the record, with key and value deserialized
   * @param partitionTime the largest timestamp seen so far on this partition, or -1
   * @return epoch milliseconds; a negative value skips the record (counted)
   */
  long extract(ConsumerRecord<Object, Object> record, long partitionTime);

  /**
   * The record's own timestamp (set by the producer or the broker).
   *
   * @return the default extractor
   */
  static TimestampExtractor recordTimestamp() {
    return RecordTimestampExtractor.INSTANCE;
  }
}
