package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.StateStoreException;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import java.util.function.Consumer;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A cursor over one key range in a sequence of segments, with one native iterator (so it sees one
 * point in time). In each segment it visits the keys inside the range's key bounds; leaving them it
 * seeks straight to the bounds in the next segment, and a seek that lands in a later segment skips
 * the empty ones between. The current entry is copied to the heap once per position. Owns its
 * native iterator and closes it exactly once.
 */
final class RocksDbCursor implements BytesIterator {

  private final String storeName;
  private final RocksIterator iterator;
  private final StoredKeys keys;
  private final byte[] lower;
  private final byte[] upper;
  private final long firstSegment;
  private final long lastSegment;
  private final boolean reverse;
  private final Consumer<RocksDbCursor> onClose;
  private long segment;
  private byte[] key;
  private byte[] value;
  private boolean closed;

  /**
   * Positions a cursor on the first entry.
   *
   * @param firstSegment the first segment to visit (0 for key-value stores)
   * @param lastSegment the last segment to visit; below {@code firstSegment} for an empty cursor
   */
  RocksDbCursor(
      String storeName,
      RocksIterator iterator,
      StoredKeys keys,
      BytesRange range,
      long firstSegment,
      long lastSegment,
      boolean reverse,
      Consumer<RocksDbCursor> onClose) {
    this.storeName = storeName;
    this.iterator = iterator;
    this.keys = keys;
    this.lower = range.lower();
    this.upper = range.upper();
    this.firstSegment = firstSegment;
    this.lastSegment = lastSegment;
    this.reverse = reverse;
    this.onClose = onClose;
    if (firstSegment <= lastSegment) {
      segment = reverse ? lastSegment : firstSegment;
      seekInSegment();
      settle();
    }
  }

  /** Positions the iterator at the range's first (or, in reverse, last) key in {@code segment}. */
  private void seekInSegment() {
    if (!reverse) {
      if (lower != null) {
        iterator.seek(keys.stored(segment, lower));
      } else if (keys.segmented()) {
        iterator.seek(StoredKeys.segmentStart(segment));
      } else {
        iterator.seekToFirst();
      }
      return;
    }
    byte[] bound;
    if (upper != null) {
      bound = keys.stored(segment, upper);
    } else if (keys.segmented() && segment < Long.MAX_VALUE) {
      bound = StoredKeys.segmentStart(segment + 1);
    } else {
      iterator.seekToLast();
      return;
    }
    iterator.seekForPrev(bound);
    if (iterator.isValid() && Bytes.compare(iterator.key(), bound) >= 0) {
      iterator.prev();
    }
  }

  /** Moves to the first in-bounds entry at or after the iterator's position, over segments. */
  private void settle() {
    while (true) {
      if (!iterator.isValid()) {
        checkStatus();
        break;
      }
      byte[] stored = iterator.key();
      long found = keys.segmentOf(stored);
      if (reverse ? found < firstSegment : found > lastSegment) {
        break;
      }
      byte[] candidate = keys.key(stored);
      if (found != segment) {
        // The seek passed empty segments: start again at the bounds of the segment found.
        segment = found;
        if (reverse ? beyondUpper(candidate) : beforeLower(candidate)) {
          seekInSegment();
          continue;
        }
      }
      if (reverse ? beforeLower(candidate) : beyondUpper(candidate)) {
        if (!keys.segmented() || segment == (reverse ? firstSegment : lastSegment)) {
          break;
        }
        segment += reverse ? -1 : 1;
        seekInSegment();
        continue;
      }
      key = candidate;
      value = iterator.value();
      return;
    }
    key = null;
    value = null;
  }

  private boolean beforeLower(byte[] candidate) {
    return lower != null && Bytes.compare(candidate, lower) < 0;
  }

  private boolean beyondUpper(byte[] candidate) {
    return upper != null && Bytes.compare(candidate, upper) >= 0;
  }

  private void checkStatus() {
    try {
      iterator.status();
    } catch (RocksDBException e) {
      throw new StateStoreException(
          "Store '%s': RocksDB iterator failed: %s".formatted(storeName, e.getMessage()), e);
    }
  }

  @Override
  public boolean valid() {
    return key != null;
  }

  @Override
  public byte[] key() {
    return key;
  }

  @Override
  public byte[] value() {
    return value;
  }

  @Override
  public void next() {
    if (reverse) {
      iterator.prev();
    } else {
      iterator.next();
    }
    settle();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    key = null;
    value = null;
    iterator.close();
    onClose.accept(this);
  }
}
