package dev.sluice.state;

import java.util.List;
import java.util.OptionalLong;

/**
 * What every store kind has in common: a name, a lifecycle, restore from a changelog, commit and
 * close. See the {@linkplain dev.sluice.state package documentation} for the task contract.
 *
 * <p>A store belongs to one task and is used by one thread at a time; it is not thread-safe.
 */
public interface StateStore extends AutoCloseable {

  /**
   * The store name, unique within a task; also its directory name.
   *
   * @return the name
   */
  String name();

  /**
   * The lifecycle state.
   *
   * @return the current state
   */
  StoreState state();

  /**
   * Whether the data survives a restart (RocksDB) or not (in memory).
   *
   * @return true for persistent stores
   */
  boolean persistent();

  /**
   * The number of iterators opened on this store and not yet closed. Tests assert it is 0.
   *
   * @return open iterator count
   */
  int openIterators();

  /**
   * The changelog offset up to which (inclusive) the store's data is known to be applied, as stored
   * atomically with the data. Empty when the store is new, was wiped, or is in memory and was just
   * created: restore from the beginning of the changelog. Otherwise restore from {@code
   * appliedOffset + 1}.
   *
   * @return the applied offset, or empty
   */
  OptionalLong appliedOffset();

  /**
   * Applies a batch of changelog records through the bulk path (one write batch, write-ahead log
   * off) and records the offset of the last record in the same batch. Allowed in {@link
   * StoreState#OPEN} and {@link StoreState#RESTORING}; moves the store to {@code RESTORING}.
   *
   * @param batch records in changelog order; may be empty
   * @throws IllegalStateException if the store is running or closed
   */
  void restore(List<ChangelogRecord> batch);

  /**
   * Ends restoration: makes bulk-loaded data durable and moves the store to {@link
   * StoreState#RUNNING}. Call it even when there was nothing to restore.
   *
   * @throws IllegalStateException if the store is already running or closed
   */
  void finishRestore();

  /**
   * Pushes cached writes to the store and to the changelog sink (calling the flush listener). A
   * no-op for stores without a cache.
   */
  void flush();

  /**
   * Flushes the cache and records that the changelog is applied up to {@code changelogOffset}, in
   * the same write batch as the flushed entries. Call it after the changelog producer has
   * acknowledged every record the store sent up to that offset.
   *
   * <p>A persistent store writes without RocksDB's write-ahead log (the changelog is the durable
   * copy), and a commit forces no flush: the offset and the data under it become durable together
   * when RocksDB next flushes its memtables (one filled, a restore ended, or the store is closed).
   * After a crash the store reopens as of its last flush, with the offset recorded before it, and
   * restores the changelog tail after that offset.
   *
   * @param changelogOffset the highest changelog offset whose effect is in the store
   * @throws IllegalArgumentException if the offset is below the already applied offset
   */
  void commit(long changelogOffset);

  /**
   * Closes the store: closes open iterators, releases native resources. Does <em>not</em> flush the
   * cache (the task commits first); idempotent.
   */
  @Override
  void close();
}
