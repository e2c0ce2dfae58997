package dev.sluice.testdriver.internal;

import org.apache.kafka.common.header.Headers;

/**
 * A record a sink wrote, as bytes, kept until a test reads it.
 *
 * @param partition the partition it went to
 * @param timestamp the record timestamp
 * @param key the serialized key
 * @param value the serialized value
 * @param headers the headers
 */
public record CapturedRecord(
    int partition, long timestamp, byte[] key, byte[] value, Headers headers) {}
