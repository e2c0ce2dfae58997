package dev.sluice.state;

/**
 * Receives every write of a logged store, as bytes, in write order.
 *
 * <p>The streams runtime backs it with a Kafka producer writing to the store's compacted changelog
 * topic; tests use an in-memory list. The sink must not call back into the store.
 */
@FunctionalInterface
public interface ChangelogSink {

  /**
   * Records one change.
   *
   * @param storeName the store that was written
   * @param key the store key bytes, exactly as {@link StateStore#restore} must get them back
   * @param value the new value bytes, or {@code null} for a deletion (a tombstone)
   * @param timestamp the record timestamp of the change, epoch milliseconds
   */
  void send(String storeName, byte[] key, byte[] value, long timestamp);
}
