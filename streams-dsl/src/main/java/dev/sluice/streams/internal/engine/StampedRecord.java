package dev.sluice.streams.internal.engine;

import dev.sluice.streams.processor.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A source record after deserialization and timestamp extraction, waiting in its partition's queue.
 *
 * @param raw the record as read
 * @param source the source that decoded it
 * @param record what the source step forwards: decoded key and value, extracted event time, and the
 *     raw record's headers
 */
record StampedRecord(
    ConsumerRecord<byte[], byte[]> raw, SourceRuntime source, Record<Object, Object> record) {

  long timestamp() {
    return record.timestamp();
  }
}
