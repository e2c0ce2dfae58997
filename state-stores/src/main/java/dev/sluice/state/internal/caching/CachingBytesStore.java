package dev.sluice.state.internal.caching;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.bytes.ListBytesIterator;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A bounded record cache in front of a store: absorbs repeated writes to a key between commits.
 *
 * <p>Invariants: every cached entry is in the {@link EntryIndex} (point lookups by key content), in
 * {@code sorted} (schema order, for range merges) and in the intrusive LRU list (eldest →
 * youngest); a dirty entry holds a write the store below has not seen, and is also in the dirty
 * list, in LRU order; a tombstone is a dirty entry with a null value. Each entry's size is reserved
 * in the shared {@link RecordCacheBudget}. When the budget is exceeded this cache evicts its own
 * eldest entries, writing dirty ones below first. {@link #flush()} and commits write all dirty
 * entries below in one batch (with the commit offset) and then tell the listener, in LRU order, key
 * by key, the new value and the previously stored one. {@link #close()} drops dirty entries: the
 * task commits before closing. Single-threaded (only the budget is shared).
 *
 * <p>A clean entry mirrors the store below, a clean null value included (a key read and found
 * absent, key-value stores only). So when a clean entry is written, its value is the one below, and
 * the flush hands that to the listener without reading the store again; only an entry written
 * without being read first costs a read at flush, and only when there is a listener. Timed stores
 * keep no clean entries (a write below is dropped when its segment has expired, so only the store
 * can answer for a flushed window), but the value the last read found below is remembered until the
 * next write: a windowed aggregation reads its window and then writes it, so that write knows the
 * old value too.
 */
public final class CachingBytesStore implements BytesStore {

  private final BytesStore inner;
  private final RecordCacheBudget budget;
  private final BytesFlushListener listener;
  private final KeySchema schema;
  // Every cached entry is in all three: found by key, in key order (for ranges), in LRU order.
  private final EntryIndex index = new EntryIndex();
  private final TreeMap<byte[], CacheEntry> sorted;
  private final EntryList lru = EntryList.lru();
  // The dirty entries in LRU order, so a flush visits only them.
  private final EntryList dirtyEntries = EntryList.dirty();
  private long ownBytes;
  // Timed stores cache no clean entries, so the value a read found below is remembered until the
  // next write: an aggregation writes the key it just read, and the flush then knows the old value.
  private byte[] readKey;
  private byte[] readBelow;

  /**
   * Wraps a store.
   *
   * @param inner the store below (change logging or engine)
   * @param budget the shared budget
   * @param listener told about flushed and evicted entries, or null
   */
  public CachingBytesStore(
      BytesStore inner, RecordCacheBudget budget, BytesFlushListener listener) {
    this.inner = inner;
    this.budget = budget;
    this.listener = listener;
    this.schema = inner.schema();
    this.sorted = new TreeMap<>(schema.order());
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public KeySchema schema() {
    return schema;
  }

  /**
   * Bytes this cache holds in the shared budget.
   *
   * @return bytes
   */
  public long cachedBytes() {
    return ownBytes;
  }

  @Override
  public byte[] get(byte[] key) {
    CacheEntry entry = index.get(key);
    if (entry != null) {
      lru.moveToYoungest(entry);
      if (entry.dirty) {
        dirtyEntries.moveToYoungest(entry);
      }
      return entry.value;
    }
    byte[] value = inner.get(key);
    if (!schema.segmented()) {
      CacheEntry clean = insert(key);
      update(clean, value, false, 0);
      evictIfNeeded();
    } else {
      readKey = key;
      readBelow = value;
    }
    return value;
  }

  @Override
  public void write(List<BytesWrite> writes, long appliedOffset) {
    byte[] lastReadKey = readKey;
    byte[] lastReadBelow = readBelow;
    readKey = null;
    readBelow = null;
    for (BytesWrite write : writes) {
      CacheEntry entry = index.get(write.key());
      if (entry == null) {
        entry = insert(write.key());
        if (lastReadKey != null && Arrays.equals(lastReadKey, write.key())) {
          entry.belowKnown = true;
          entry.below = lastReadBelow;
        }
      } else {
        lru.moveToYoungest(entry);
        if (!entry.dirty) {
          entry.belowKnown = true;
          entry.below = entry.value;
        }
      }
      update(entry, write.value(), true, write.timestamp());
    }
    if (appliedOffset != NO_OFFSET) {
      flushDirty(appliedOffset);
    } else {
      evictIfNeeded();
    }
  }

  @Override
  public void flush() {
    flushDirty(NO_OFFSET);
    inner.flush();
  }

  private void flushDirty(long appliedOffset) {
    if (dirtyEntries.isEmpty() && appliedOffset == NO_OFFSET) {
      return;
    }
    writeBelow(dirtyEntries.toList(), appliedOffset);
  }

  /** Writes dirty entries to the store below in one batch, marks them clean, then notifies. */
  private void writeBelow(List<CacheEntry> entries, long appliedOffset) {
    List<byte[]> oldValues = new ArrayList<>(entries.size());
    List<BytesWrite> writes = new ArrayList<>(entries.size());
    for (CacheEntry entry : entries) {
      oldValues.add(
          listener == null ? null : entry.belowKnown ? entry.below : inner.get(entry.key));
      writes.add(new BytesWrite(entry.key, entry.value, entry.timestamp));
    }
    inner.write(writes, appliedOffset);
    // Every entry is clean before the listener hears of any: a listener that reads this store
    // (a downstream step) may evict entries, and must find none of these still dirty.
    for (CacheEntry entry : entries) {
      entry.dirty = false;
      dirtyEntries.remove(entry);
      entry.belowKnown = false;
      entry.below = null;
      // Tombstones and, for timed stores, flushed windows leave the cache: a timed write may have
      // been dropped below because its segment expired, so only the store can answer for it.
      if ((entry.value == null || schema.segmented()) && entry.cached) {
        remove(entry);
      }
    }
    if (listener == null) {
      return;
    }
    // What was written, not the entries: a listener that writes this store may change them.
    for (int i = 0; i < writes.size(); i++) {
      BytesWrite written = writes.get(i);
      if (written.value() != null || oldValues.get(i) != null) {
        listener.onFlush(written.key(), written.value(), oldValues.get(i), written.timestamp());
      }
    }
  }

  private void evictIfNeeded() {
    while (budget.exceeded() && lru.eldest() != null) {
      CacheEntry victim = lru.eldest();
      if (victim.dirty) {
        writeBelow(List.of(victim), NO_OFFSET);
      }
      if (victim.cached) {
        remove(victim);
      }
    }
  }

  @Override
  public void restore(List<ChangelogRecord> batch) {
    Checks.checkState(
        dirtyEntries.isEmpty(), "BUG: store '%s' has cached writes during restore", inner.name());
    clear();
    inner.restore(batch);
  }

  @Override
  public void finishRestore() {
    inner.finishRestore();
  }

  @Override
  public BytesIterator range(BytesRange range, boolean reverse) {
    if (range.lower() != null && schema.isTimeIndexKey(range.lower())) {
      return timeIndexRange(range, reverse);
    }
    NavigableMap<byte[], CacheEntry> candidates = sorted;
    if (!schema.segmented()) {
      if (range.lower() != null && range.upper() != null) {
        candidates =
            Bytes.compare(range.lower(), range.upper()) < 0
                ? sorted.subMap(range.lower(), true, range.upper(), false)
                : new TreeMap<>(schema.order());
      } else if (range.lower() != null) {
        candidates = sorted.tailMap(range.lower(), true);
      } else if (range.upper() != null) {
        candidates = sorted.headMap(range.upper(), false);
      }
    }
    List<Map.Entry<byte[], byte[]>> snapshot = new ArrayList<>();
    for (CacheEntry entry : (reverse ? candidates.descendingMap() : candidates).values()) {
      if (schema.covers(range, entry.key)) {
        snapshot.add(new AbstractMap.SimpleImmutableEntry<>(entry.key, entry.value));
      }
    }
    return new MergedBytesIterator(
        new ListBytesIterator(snapshot),
        inner.range(range, reverse),
        reverse ? schema.order().reversed() : schema.order());
  }

  /**
   * A session store's time index (see {@link KeySchema#timeIndexKey}) with the cached sessions
   * merged in as index entries, so sessions not yet flushed are found and cached deletions hide
   * theirs. Index entries carry no value worth reading: callers read the session itself.
   */
  private BytesIterator timeIndexRange(BytesRange range, boolean reverse) {
    Comparator<byte[]> order = reverse ? schema.order().reversed() : schema.order();
    List<Map.Entry<byte[], byte[]>> snapshot = new ArrayList<>();
    for (CacheEntry entry : sorted.values()) {
      byte[] indexKey = KeySchema.timeIndexKey(entry.key);
      if (schema.covers(range, indexKey)) {
        snapshot.add(new AbstractMap.SimpleImmutableEntry<>(indexKey, entry.value));
      }
    }
    snapshot.sort(Map.Entry.comparingByKey(order));
    return new MergedBytesIterator(
        new ListBytesIterator(snapshot), inner.range(range, reverse), order);
  }

  @Override
  public long approximateNumEntries() {
    long pending = 0;
    for (CacheEntry entry : dirtyEntries.toList()) {
      pending += entry.value != null ? 1 : 0;
    }
    return inner.approximateNumEntries() + pending;
  }

  @Override
  public OptionalLong appliedOffset() {
    return inner.appliedOffset();
  }

  @Override
  public String property(String property) {
    return inner.property(property);
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public void close() {
    clear();
    inner.close();
  }

  private void clear() {
    budget.release(ownBytes);
    ownBytes = 0;
    index.clear();
    sorted.clear();
    readKey = null;
    readBelow = null;
    lru.clear();
    dirtyEntries.clear();
  }

  private CacheEntry insert(byte[] key) {
    CacheEntry entry = new CacheEntry(key);
    entry.cached = true;
    index.add(entry);
    sorted.put(key, entry);
    lru.addYoungest(entry);
    return entry;
  }

  private void update(CacheEntry entry, byte[] value, boolean dirty, long timestamp) {
    long size =
        RecordCacheBudget.ENTRY_OVERHEAD + entry.key.length + (value == null ? 0 : value.length);
    budget.reserve(size - entry.size);
    ownBytes += size - entry.size;
    entry.size = size;
    entry.value = value;
    entry.timestamp = timestamp;
    if (dirty) {
      // appended, or moved to the youngest end if already dirty
      if (entry.dirty) {
        dirtyEntries.moveToYoungest(entry);
      } else {
        dirtyEntries.addYoungest(entry);
      }
    } else if (entry.dirty) {
      dirtyEntries.remove(entry);
    }
    entry.dirty = dirty;
  }

  private void remove(CacheEntry entry) {
    index.remove(entry);
    sorted.remove(entry.key);
    entry.cached = false;
    if (entry.dirty) {
      dirtyEntries.remove(entry);
    }
    lru.remove(entry);
    budget.release(entry.size);
    ownBytes -= entry.size;
  }
}
