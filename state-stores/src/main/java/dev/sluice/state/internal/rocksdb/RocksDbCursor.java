package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.StateStoreException;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A cursor over one key range in a sequence of segment column families, one native iterator per
 * segment. All iterators are created together, so they see the same point in time; each is seeked
 * only when the cursor reaches its segment. The current entry is copied to the heap once per
 * position. Owns its native iterators and closes them exactly once.
 */
final class RocksDbCursor implements BytesIterator {

  private final String storeName;
  private final List<RocksIterator> iterators;
  private final byte[] lower;
  private final byte[] upper;
  private final boolean reverse;
  private final Consumer<RocksDbCursor> onClose;
  private int index;
  private byte[] key;
  private byte[] value;
  private boolean closed;

  RocksDbCursor(
      String storeName,
      List<RocksIterator> iterators,
      BytesRange range,
      boolean reverse,
      Consumer<RocksDbCursor> onClose) {
    this.storeName = storeName;
    this.iterators = iterators;
    this.lower = range.lower();
    this.upper = range.upper();
    this.reverse = reverse;
    this.onClose = onClose;
    if (!iterators.isEmpty()) {
      seek(iterators.get(0));
    }
    settle();
  }

  private void seek(RocksIterator iterator) {
    if (!reverse) {
      if (lower == null) {
        iterator.seekToFirst();
      } else {
        iterator.seek(lower);
      }
    } else if (upper == null) {
      iterator.seekToLast();
    } else {
      iterator.seekForPrev(upper);
      if (iterator.isValid() && Bytes.compare(iterator.key(), upper) >= 0) {
        iterator.prev();
      }
    }
  }

  /** Moves to the first in-bounds entry at or after the current position, over segments. */
  private void settle() {
    while (index < iterators.size()) {
      RocksIterator iterator = iterators.get(index);
      if (iterator.isValid()) {
        byte[] candidate = iterator.key();
        boolean inBounds =
            reverse
                ? lower == null || Bytes.compare(candidate, lower) >= 0
                : upper == null || Bytes.compare(candidate, upper) < 0;
        if (inBounds) {
          key = candidate;
          value = iterator.value();
          return;
        }
      } else {
        checkStatus(iterator);
      }
      index++;
      if (index < iterators.size()) {
        seek(iterators.get(index));
      }
    }
    key = null;
    value = null;
  }

  private void checkStatus(RocksIterator iterator) {
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
    RocksIterator iterator = iterators.get(index);
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
    for (RocksIterator iterator : iterators) {
      iterator.close();
    }
    onClose.accept(this);
  }
}
