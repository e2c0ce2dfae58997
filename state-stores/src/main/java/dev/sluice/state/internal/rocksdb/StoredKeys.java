package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.KeySchema;
import java.util.Arrays;

/**
 * How store keys become RocksDB keys. A timed (window or session) key is prefixed with its segment
 * id, 8 bytes big-endian, so RocksDB's byte order is the store's order (segment, then key bytes)
 * and every segment is one contiguous key range that expiry deletes with a single range deletion.
 * Segment ids are never negative, so the prefixes sort like the ids. A key-value key is stored as
 * is.
 */
final class StoredKeys {

  /** Length of the segment prefix of a timed key. */
  static final int PREFIX = Long.BYTES;

  private final boolean segmented;

  StoredKeys(KeySchema schema) {
    this.segmented = schema.segmented();
  }

  boolean segmented() {
    return segmented;
  }

  /**
   * The RocksDB key of a store key.
   *
   * @param segment the key's segment (ignored for key-value stores)
   * @param key the store key
   * @return the key to read or write
   */
  byte[] stored(long segment, byte[] key) {
    if (!segmented) {
      return key;
    }
    byte[] stored = new byte[PREFIX + key.length];
    Bytes.putLong(stored, 0, segment);
    System.arraycopy(key, 0, stored, PREFIX, key.length);
    return stored;
  }

  /**
   * The first RocksDB key of a segment: below every key of the segment, above every key of the
   * segments before it.
   *
   * @param segment the segment id, not negative
   * @return its 8-byte prefix
   */
  static byte[] segmentStart(long segment) {
    byte[] prefix = new byte[PREFIX];
    Bytes.putLong(prefix, 0, segment);
    return prefix;
  }

  /**
   * The segment of a RocksDB key.
   *
   * @param stored a key read from RocksDB
   * @return its segment, 0 for key-value stores
   */
  long segmentOf(byte[] stored) {
    return segmented ? Bytes.getLong(stored, 0) : 0;
  }

  /**
   * The store key of a RocksDB key.
   *
   * @param stored a key read from RocksDB
   * @return the key without its segment prefix
   */
  byte[] key(byte[] stored) {
    return segmented ? Arrays.copyOfRange(stored, PREFIX, stored.length) : stored;
  }
}
