package dev.sluice.state.internal.bytes;

/**
 * One write to a {@link BytesStore}.
 *
 * @param key the store key bytes
 * @param value the value bytes, or null for a delete
 * @param timestamp record timestamp, passed on to the changelog and the flush listener
 */
public record BytesWrite(byte[] key, byte[] value, long timestamp) {}
