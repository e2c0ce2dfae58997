package dev.sluice.state.internal.memory;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import dev.sluice.state.internal.bytes.ListBytesIterator;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The in-memory engine: one sorted map per time segment.
 *
 * <p>Invariants: {@code segments} only holds live segments (ids {@code >=
 * schema.minLiveSegment(streamTime)}); {@code size} is the number of keys over all segments.
 * Cursors copy the entries of their range when created, so writes during iteration are allowed and
 * not seen. Nothing survives {@link #close()}: the applied offset starts empty, so a logged
 * in-memory store is restored from the beginning of its changelog. Single-threaded.
 */
public final class InMemoryBytesStore implements BytesStore {

  private final String name;
  private final KeySchema schema;
  private final TreeMap<Long, TreeMap<byte[], byte[]>> segments = new TreeMap<>();
  private long streamTime = Long.MIN_VALUE;
  private long appliedOffset = NO_OFFSET;
  private long size;

  /**
   * Creates an empty store.
   *
   * @param name the store name
   * @param schema the key layout
   */
  public InMemoryBytesStore(String name, KeySchema schema) {
    this.name = name;
    this.schema = schema;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public KeySchema schema() {
    return schema;
  }

  @Override
  public byte[] get(byte[] key) {
    TreeMap<byte[], byte[]> segment = segments.get(schema.segmentOf(key));
    return segment == null ? null : segment.get(key);
  }

  @Override
  public void write(List<BytesWrite> writes, long offset) {
    for (BytesWrite write : writes) {
      apply(write.key(), write.value());
    }
    if (offset != NO_OFFSET) {
      appliedOffset = offset;
    }
    dropExpiredSegments();
  }

  @Override
  public void restore(List<ChangelogRecord> batch) {
    for (ChangelogRecord record : batch) {
      apply(record.key(), record.value());
    }
    appliedOffset = batch.get(batch.size() - 1).offset();
    dropExpiredSegments();
  }

  private void apply(byte[] key, byte[] value) {
    long segmentId = schema.segmentOf(key);
    if (schema.segmented()) {
      streamTime = Math.max(streamTime, schema.timeOf(key));
      if (segmentId < schema.minLiveSegment(streamTime)) {
        return;
      }
    }
    if (value == null) {
      TreeMap<byte[], byte[]> segment = segments.get(segmentId);
      if (segment != null && segment.remove(key) != null) {
        size--;
      }
    } else if (segments
            .computeIfAbsent(segmentId, id -> new TreeMap<>(Bytes::compare))
            .put(key, value)
        == null) {
      size++;
    }
  }

  private void dropExpiredSegments() {
    if (!schema.segmented()) {
      return;
    }
    NavigableMap<Long, TreeMap<byte[], byte[]>> expired =
        segments.headMap(schema.minLiveSegment(streamTime), false);
    for (TreeMap<byte[], byte[]> segment : expired.values()) {
      size -= segment.size();
    }
    expired.clear();
  }

  @Override
  public void finishRestore() {}

  @Override
  public void flush() {}

  @Override
  public BytesIterator range(BytesRange range, boolean reverse) {
    long first = schema.segmentOfTime(range.timeFrom());
    long last = schema.segmentOfTime(range.timeTo());
    NavigableMap<Long, TreeMap<byte[], byte[]>> covered =
        first <= last ? segments.subMap(first, true, last, true) : new TreeMap<>();
    List<Map.Entry<byte[], byte[]>> snapshot = new ArrayList<>();
    for (TreeMap<byte[], byte[]> segment :
        reverse ? covered.descendingMap().values() : covered.values()) {
      NavigableMap<byte[], byte[]> keys = bounded(segment, range);
      // Copy the entries: TreeMap nodes are reused when other keys are deleted.
      for (Map.Entry<byte[], byte[]> entry : (reverse ? keys.descendingMap() : keys).entrySet()) {
        snapshot.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
      }
    }
    return new ListBytesIterator(snapshot);
  }

  private static NavigableMap<byte[], byte[]> bounded(
      TreeMap<byte[], byte[]> segment, BytesRange range) {
    if (range.lower() != null && range.upper() != null) {
      if (Bytes.compare(range.lower(), range.upper()) >= 0) {
        return new TreeMap<>(Bytes::compare);
      }
      return segment.subMap(range.lower(), true, range.upper(), false);
    }
    if (range.lower() != null) {
      return segment.tailMap(range.lower(), true);
    }
    return range.upper() != null ? segment.headMap(range.upper(), false) : segment;
  }

  @Override
  public long approximateNumEntries() {
    return size;
  }

  @Override
  public OptionalLong appliedOffset() {
    return appliedOffset == NO_OFFSET ? OptionalLong.empty() : OptionalLong.of(appliedOffset);
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public void close() {
    segments.clear();
    size = 0;
  }
}
