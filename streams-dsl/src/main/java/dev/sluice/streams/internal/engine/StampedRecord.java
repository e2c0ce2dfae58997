package dev.sluice.streams.internal.engine;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A source record after deserialization and timestamp extraction, waiting in its partition's queue.
 *
 * @param raw the record as read
 * @param source the source that decoded it
 * @param key the decoded key
 * @param value the decoded value
 * @param timestamp the extracted event time
 */
record StampedRecord(
    ConsumerRecord<byte[], byte[]> raw,
    SourceRuntime source,
    Object key,
    Object value,
    long timestamp) {}
