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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A bounded record cache in front of a store: absorbs repeated writes to a key between commits.
 *
 * <p>Invariants: every cached entry is in {@code sorted} (schema order, for range merges) and in
 * the intrusive LRU list ({@code eldest → youngest}); a dirty entry holds a write the store below
 * has not seen, a tombstone is a dirty entry with a null value. Each entry's size is reserved in
 * the shared {@link RecordCacheBudget}. When the budget is exceeded this cache evicts its own
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

  private static final class Entry {
    final byte[] key;
    byte[] value;
    boolean dirty;
    // Whether the entry is in the cache (not yet removed or evicted).
    boolean cached;
    // While dirty: whether the value the store below holds is known, and that value.
    boolean belowKnown;
    byte[] below;
    long timestamp;
    long size;
    Entry older;
    Entry newer;

    Entry(byte[] key) {
      this.key = key;
    }
  }

  private final BytesStore inner;
  private final RecordCacheBudget budget;
  private final BytesFlushListener listener;
  private final KeySchema schema;
  private final TreeMap<byte[], Entry> sorted;
  // The dirty entries in LRU order (access-ordered, by identity), so a flush visits only them.
  private final LinkedHashMap<Entry, Entry> dirtyEntries = new LinkedHashMap<>(16, 0.75f, true);
  private Entry eldest;
  private Entry youngest;
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
    Entry entry = sorted.get(key);
    if (entry != null) {
      moveToYoungest(entry);
      if (entry.dirty) {
        dirtyEntries.get(entry);
      }
      return entry.value;
    }
    byte[] value = inner.get(key);
    if (!schema.segmented()) {
      Entry clean = insert(key);
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
      Entry entry = sorted.get(write.key());
      if (entry == null) {
        entry = insert(write.key());
        if (lastReadKey != null && Arrays.equals(lastReadKey, write.key())) {
          entry.belowKnown = true;
          entry.below = lastReadBelow;
        }
      } else {
        moveToYoungest(entry);
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
    writeBelow(new ArrayList<>(dirtyEntries.keySet()), appliedOffset);
  }

  /** Writes entries to the store below in one batch, marks them clean, then notifies. */
  private void writeBelow(List<Entry> entries, long appliedOffset) {
    List<byte[]> oldValues = new ArrayList<>(entries.size());
    List<BytesWrite> writes = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      oldValues.add(
          listener == null ? null : entry.belowKnown ? entry.below : inner.get(entry.key));
      writes.add(new BytesWrite(entry.key, entry.value, entry.timestamp));
    }
    inner.write(writes, appliedOffset);
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      entry.dirty = false;
      dirtyEntries.remove(entry);
      entry.belowKnown = false;
      entry.below = null;
      // Tombstones and, for timed stores, flushed windows leave the cache: a timed write may have
      // been dropped below because its segment expired, so only the store can answer for it.
      if ((entry.value == null || schema.segmented()) && entry.cached) {
        remove(entry);
      }
      if (listener != null && (entry.value != null || oldValues.get(i) != null)) {
        listener.onFlush(entry.key, entry.value, oldValues.get(i), entry.timestamp);
      }
    }
  }

  private void evictIfNeeded() {
    while (budget.exceeded() && eldest != null) {
      Entry victim = eldest;
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
    NavigableMap<byte[], Entry> candidates = sorted;
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
    for (Entry entry : (reverse ? candidates.descendingMap() : candidates).values()) {
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
    for (Entry entry : sorted.values()) {
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
    for (Entry entry : dirtyEntries.keySet()) {
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
    sorted.clear();
    readKey = null;
    readBelow = null;
    dirtyEntries.clear();
    eldest = null;
    youngest = null;
  }

  private Entry insert(byte[] key) {
    Entry entry = new Entry(key);
    entry.cached = true;
    sorted.put(key, entry);
    entry.older = youngest;
    if (youngest != null) {
      youngest.newer = entry;
    } else {
      eldest = entry;
    }
    youngest = entry;
    return entry;
  }

  private void update(Entry entry, byte[] value, boolean dirty, long timestamp) {
    long size =
        RecordCacheBudget.ENTRY_OVERHEAD + entry.key.length + (value == null ? 0 : value.length);
    budget.reserve(size - entry.size);
    ownBytes += size - entry.size;
    entry.size = size;
    entry.value = value;
    entry.timestamp = timestamp;
    if (dirty) {
      dirtyEntries.put(entry, entry); // appended, or moved to the youngest end if already dirty
    } else if (entry.dirty) {
      dirtyEntries.remove(entry);
    }
    entry.dirty = dirty;
  }

  private void remove(Entry entry) {
    sorted.remove(entry.key);
    entry.cached = false;
    if (entry.dirty) {
      dirtyEntries.remove(entry);
    }
    unlink(entry);
    budget.release(entry.size);
    ownBytes -= entry.size;
  }

  private void moveToYoungest(Entry entry) {
    if (entry != youngest) {
      unlink(entry);
      entry.older = youngest;
      youngest.newer = entry;
      youngest = entry;
    }
  }

  private void unlink(Entry entry) {
    if (entry.older != null) {
      entry.older.newer = entry.newer;
    } else {
      eldest = entry.newer;
    }
    if (entry.newer != null) {
      entry.newer.older = entry.older;
    } else {
      youngest = entry.older;
    }
    entry.older = null;
    entry.newer = null;
  }
}
