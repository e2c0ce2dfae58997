package dev.sluice.state.internal.bytes;

/**
 * A cursor over a {@link BytesStore}, positioned on an entry while {@link #valid()}. Cursors give a
 * merge (cache over store) a cheap peek at the current key.
 */
public interface BytesIterator extends AutoCloseable {

  /**
   * Whether the cursor is on an entry.
   *
   * @return true if {@link #key()} and {@link #value()} may be called
   */
  boolean valid();

  /**
   * The current key.
   *
   * @return the key
   */
  byte[] key();

  /**
   * The current value; null only for cache tombstones, which the merge consumes.
   *
   * @return the value
   */
  byte[] value();

  /** Moves to the next entry. */
  void next();

  /** Releases the cursor. Idempotent. */
  @Override
  void close();
}
