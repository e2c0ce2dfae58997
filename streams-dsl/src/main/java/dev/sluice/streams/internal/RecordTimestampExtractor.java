package dev.sluice.streams.internal;

import dev.sluice.streams.TimestampExtractor;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The default extractor, a singleton so the engine can recognise it and read the raw timestamp
 * without building a decoded record for it.
 */
public enum RecordTimestampExtractor implements TimestampExtractor {
  /** The one instance. */
  INSTANCE;

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return record.timestamp();
  }
}
