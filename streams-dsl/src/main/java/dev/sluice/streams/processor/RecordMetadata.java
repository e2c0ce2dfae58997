package dev.sluice.streams.processor;

/**
 * Where the record being processed came from.
 *
 * @param topic the source topic
 * @param partition the source partition
 * @param offset the offset within the partition
 */
public record RecordMetadata(String topic, int partition, long offset) {}
