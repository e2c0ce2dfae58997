package dev.sluice.state.internal.bytes;

import dev.sluice.state.ChangelogRecord;
import java.util.List;
import java.util.OptionalLong;

/**
 * A store of byte keys and values: the single layer every engine implements and every decorator
 * (change logging, caching) wraps, for all three store kinds. The {@link KeySchema} tells the
 * engine how to find a key's time segment; typed façades do serde at the edge.
 *
 * <p>Arrays handed to or returned from a bytes store are never mutated afterwards, so layers share
 * them without copying. Single-threaded, like the task that owns the store.
 */
public interface BytesStore extends AutoCloseable {

  /** Marker for "no changelog offset to record" in {@link #write}. */
  long NO_OFFSET = -1;

  /**
   * The store name.
   *
   * @return the name
   */
  String name();

  /**
   * The key layout of this store.
   *
   * @return the schema
   */
  KeySchema schema();

  /**
   * Reads a key.
   *
   * @param key the key
   * @return the value, or null
   */
  byte[] get(byte[] key);

  /**
   * Applies writes atomically and, if {@code appliedOffset >= 0}, records that offset in the same
   * batch (a persistent engine makes both durable at its next flush, never later than close).
   *
   * @param writes the writes, in order; may be empty
   * @param appliedOffset a changelog offset to record, or {@link #NO_OFFSET}
   */
  void write(List<BytesWrite> writes, long appliedOffset);

  /**
   * Applies changelog records through the bulk path and records the last record's offset in the
   * same batch. Never logged.
   *
   * @param batch the records, not empty
   */
  void restore(List<ChangelogRecord> batch);

  /** Makes bulk-restored data durable; called once when restoration ends. */
  void finishRestore();

  /** Pushes buffered writes to the layer below; a no-op for engines. */
  void flush();

  /**
   * A cursor over the keys in the range, in the schema's order (segment, then key bytes), or the
   * reverse. It sees the data as of its creation.
   *
   * @param range the range
   * @param reverse true for descending order
   * @return a cursor to close
   */
  BytesIterator range(BytesRange range, boolean reverse);

  /**
   * An estimate of the number of live keys.
   *
   * @return the estimate
   */
  long approximateNumEntries();

  /**
   * The changelog offset recorded with the data, if any.
   *
   * @return the offset or empty
   */
  OptionalLong appliedOffset();

  /**
   * Whether the engine is persistent.
   *
   * @return true for RocksDB
   */
  boolean persistent();

  /**
   * A RocksDB property of the engine below, for metrics and tests.
   *
   * @param property e.g. {@code rocksdb.block-cache-usage}
   * @return the value, or null for in-memory engines
   */
  default String property(String property) {
    return null;
  }

  /** Releases resources. Idempotent. */
  @Override
  void close();
}
