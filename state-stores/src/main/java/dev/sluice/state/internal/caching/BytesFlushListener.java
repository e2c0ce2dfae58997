package dev.sluice.state.internal.caching;

/** Byte-level form of {@code FlushListener}; the typed façade decodes. */
@FunctionalInterface
public interface BytesFlushListener {

  /**
   * One entry left the cache for the store.
   *
   * @param key the store key
   * @param newValue the flushed value, or null for a delete
   * @param oldValue the value the store held before, or null
   * @param timestamp timestamp of the last write
   */
  void onFlush(byte[] key, byte[] newValue, byte[] oldValue, long timestamp);
}
