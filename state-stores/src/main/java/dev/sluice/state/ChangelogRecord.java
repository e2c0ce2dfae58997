package dev.sluice.state;

/**
 * One record read back from a store's changelog, for {@link StateStore#restore}.
 *
 * @param key the key bytes as they were given to {@link ChangelogSink#send}
 * @param value the value bytes, or {@code null} for a tombstone
 * @param timestamp the record timestamp
 * @param offset the record's offset in the changelog partition, {@code >= 0}
 */
public record ChangelogRecord(byte[] key, byte[] value, long timestamp, long offset) {

  /**
   * Validates the record.
   *
   * @throws IllegalArgumentException if the key is null or the offset negative
   */
  public ChangelogRecord {
    if (key == null) {
      throw new IllegalArgumentException(
          "Changelog record at offset %s has a null key; changelog keys are never null"
              .formatted(offset));
    }
    if (offset < 0) {
      throw new IllegalArgumentException(
          "Changelog offset %s is negative; pass the record's partition offset".formatted(offset));
    }
  }
}
