package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.StateStoreException;
import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesIterator;
import dev.sluice.state.internal.bytes.BytesRange;
import dev.sluice.state.internal.bytes.BytesStore;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB engine: one database per store directory, one column family per time segment ({@code
 * seg-<id>}; key-value stores use {@code seg-0}) and metadata in the default column family (format
 * version, key layout, applied changelog offset).
 *
 * <p>Invariants: no write uses RocksDB's write-ahead log: the changelog topic is the durable copy,
 * and the data is made durable at checkpoints instead (a write that records an applied offset
 * flushes the memtables of every column family). The applied offset is only ever written in the
 * same {@link WriteBatch} as the data it covers, and the database is opened with {@code
 * atomic_flush}, so every flush (ours or one RocksDB triggers itself) persists all column families
 * at one point of the write sequence: after a crash the store reopens with the data as of some
 * flush and an offset no newer than that data, and replaying the changelog after that offset
 * rebuilds the rest. A clean close flushes too (RocksDB flushes unlogged memtables on close).
 * Expired segments are dropped with {@code dropColumnFamily}, never key by key; their handles are
 * closed with the store because open cursors may still read them. Close order: cursors, column
 * family handles, database, then options ({@link RocksDbHandles}).
 *
 * <p>Failure modes: every {@link RocksDBException} becomes a {@link StateStoreException} naming the
 * store. Single-threaded.
 */
public final class RocksDbBytesStore implements BytesStore {

  private final String name;
  private final Path directory;
  private final KeySchema schema;
  private final RocksDbHandles handles;
  private final RocksDbMemory memory;
  private long memtableBytes;
  private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
  private final Set<RocksDbCursor> cursors = new HashSet<>();
  private final List<ColumnFamilyHandle> dropped = new ArrayList<>();
  private long streamTime = Long.MIN_VALUE;
  private long appliedOffset;
  private boolean bulkWritten;
  private boolean unflushed;
  private MutableColumnFamilyOptions bulkSettings;
  private boolean closed;

  RocksDbBytesStore(
      String name, Path directory, KeySchema schema, RocksDbHandles handles, RocksDbMemory memory) {
    this.name = name;
    this.memory = memory;
    this.directory = directory;
    this.schema = schema;
    this.handles = handles;
    this.appliedOffset = handles.readAppliedOffset();
    this.streamTime = handles.latestTime(schema);
    memory.register();
    this.memtableBytes = memory.memtableBytes();
  }

  /** Follows the memtable size the shared budget gives each store (see RocksDbMemory). */
  private void adjustMemtableSize() throws RocksDBException {
    long target = memory.memtableBytes();
    if (target == memtableBytes) {
      return;
    }
    handles.columnFamilyOptions().setWriteBufferSize(target);
    MutableColumnFamilyOptions options =
        MutableColumnFamilyOptions.builder().setWriteBufferSize(target).build();
    for (ColumnFamilyHandle family : handles.allFamilies()) {
      handles.db().setOptions(family, options);
    }
    memtableBytes = target;
  }

  /**
   * The store directory.
   *
   * @return the path
   */
  public Path directory() {
    return directory;
  }

  @Override
  public String property(String property) {
    try {
      if (property.startsWith("rocksdb.block-cache")) {
        return handles.db().getProperty(property);
      }
      // Per-column-family properties, summed over the default family and all segments.
      return Long.toString(handles.db().getAggregatedLongProperty(property));
    } catch (RocksDBException e) {
      throw failure("read property " + property, e);
    }
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
    ColumnFamilyHandle segment = handles.segments().get(schema.segmentOf(key));
    if (segment == null) {
      return null;
    }
    try {
      return handles.db().get(segment, key);
    } catch (RocksDBException e) {
      throw failure("get " + Bytes.hex(key), e);
    }
  }

  @Override
  public void write(List<BytesWrite> writes, long offset) {
    try {
      adjustMemtableSize();
      if (writes.size() == 1 && offset == NO_OFFSET) {
        BytesWrite write = writes.get(0);
        ColumnFamilyHandle segment = segmentFor(write.key());
        if (segment != null) {
          if (write.value() == null) {
            handles.db().delete(segment, writeOptions, write.key());
          } else {
            handles.db().put(segment, writeOptions, write.key(), write.value());
          }
        }
      } else {
        try (WriteBatch batch = new WriteBatch()) {
          for (BytesWrite write : writes) {
            add(batch, write.key(), write.value());
          }
          commitBatch(batch, offset);
        }
      }
      unflushed = true;
      if (offset != NO_OFFSET) {
        flushAll();
      }
    } catch (RocksDBException e) {
      throw failure("write " + writes.size() + " entries", e);
    }
    dropExpiredSegments();
  }

  /**
   * A checkpoint: persists the memtables of every column family in one atomic flush, so the offset
   * just written and the data under it survive a crash together.
   */
  private void flushAll() throws RocksDBException {
    if (!unflushed) {
      return;
    }
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      handles.db().flush(options, handles.allFamilies());
    }
    unflushed = false;
  }

  @Override
  public void restore(List<ChangelogRecord> batch) {
    try (WriteBatch writeBatch = new WriteBatch()) {
      adjustMemtableSize();
      if (!bulkWritten) {
        setBulkLoading(true);
      }
      for (ChangelogRecord record : batch) {
        add(writeBatch, record.key(), record.value());
      }
      commitBatch(writeBatch, batch.get(batch.size() - 1).offset());
      bulkWritten = true;
      unflushed = true;
    } catch (RocksDBException e) {
      throw failure("restore " + batch.size() + " changelog records", e);
    }
    dropExpiredSegments();
  }

  private void add(WriteBatch batch, byte[] key, byte[] value) throws RocksDBException {
    ColumnFamilyHandle segment = segmentFor(key);
    if (segment == null) {
      return;
    }
    if (value == null) {
      batch.delete(segment, key);
    } else {
      batch.put(segment, key, value);
    }
  }

  private void commitBatch(WriteBatch batch, long offset) throws RocksDBException {
    if (offset != NO_OFFSET) {
      batch.put(handles.defaultFamily(), RocksDbHandles.OFFSET_KEY, RocksDbHandles.encode(offset));
    }
    if (batch.count() > 0) {
      handles.db().write(writeOptions, batch);
    }
    if (offset != NO_OFFSET) {
      appliedOffset = offset;
    }
  }

  /** The live segment holding the key, created on demand; null if the key's segment expired. */
  private ColumnFamilyHandle segmentFor(byte[] key) throws RocksDBException {
    long segmentId = schema.segmentOf(key);
    if (schema.segmented()) {
      streamTime = Math.max(streamTime, schema.timeOf(key));
      if (segmentId < schema.minLiveSegment(streamTime)) {
        return null;
      }
    }
    ColumnFamilyHandle segment = handles.segments().get(segmentId);
    if (segment == null) {
      segment =
          handles
              .db()
              .createColumnFamily(
                  new ColumnFamilyDescriptor(
                      RocksDbHandles.segmentNameBytes(segmentId), handles.columnFamilyOptions()));
      handles.segments().put(segmentId, segment);
      if (bulkSettings != null) {
        handles.db().setOptions(segment, bulkSettings);
      }
    }
    return segment;
  }

  private void dropExpiredSegments() {
    if (!schema.segmented()) {
      return;
    }
    Map<Long, ColumnFamilyHandle> expired =
        handles.segments().headMap(schema.minLiveSegment(streamTime), false);
    for (ColumnFamilyHandle segment : expired.values()) {
      try {
        handles.db().dropColumnFamily(segment);
      } catch (RocksDBException e) {
        throw failure("drop expired segment", e);
      }
      dropped.add(segment);
    }
    expired.clear();
  }

  @Override
  public void finishRestore() {
    if (!bulkWritten) {
      return;
    }
    // The restored data becomes durable at once, so a crash right after restoration does not
    // restore it all again.
    try {
      flushAll();
      setBulkLoading(false);
      bulkWritten = false;
    } catch (RocksDBException e) {
      throw failure("flush restored data", e);
    }
  }

  /**
   * During restore, compactions wait and L0 file counts do not stall writes (RocksDB's bulk-load
   * advice); afterwards the configured values come back and compaction catches up.
   */
  private void setBulkLoading(boolean bulk) throws RocksDBException {
    ColumnFamilyOptions configured = handles.columnFamilyOptions();
    MutableColumnFamilyOptions options =
        MutableColumnFamilyOptions.builder()
            .setDisableAutoCompactions(bulk || configured.disableAutoCompactions())
            .setLevel0SlowdownWritesTrigger(
                bulk ? 1 << 30 : configured.level0SlowdownWritesTrigger())
            .setLevel0StopWritesTrigger(bulk ? 1 << 30 : configured.level0StopWritesTrigger())
            .build();
    for (ColumnFamilyHandle family : handles.allFamilies()) {
      handles.db().setOptions(family, options);
    }
    bulkSettings = bulk ? options : null;
  }

  @Override
  public void flush() {}

  @Override
  public BytesIterator range(BytesRange range, boolean reverse) {
    long first = schema.segmentOfTime(range.timeFrom());
    long last = schema.segmentOfTime(range.timeTo());
    Collection<ColumnFamilyHandle> covered =
        first <= last
            ? handles.segments().subMap(first, true, last, true).values()
            : List.<ColumnFamilyHandle>of();
    List<RocksIterator> iterators = new ArrayList<>(covered.size());
    for (ColumnFamilyHandle segment : covered) {
      iterators.add(handles.db().newIterator(segment));
    }
    if (reverse) {
      java.util.Collections.reverse(iterators);
    }
    RocksDbCursor cursor = new RocksDbCursor(name, iterators, range, reverse, cursors::remove);
    cursors.add(cursor);
    return cursor;
  }

  @Override
  public long approximateNumEntries() {
    long total = 0;
    try {
      for (ColumnFamilyHandle segment : handles.segments().values()) {
        total += handles.db().getLongProperty(segment, "rocksdb.estimate-num-keys");
      }
    } catch (RocksDBException e) {
      throw failure("estimate the number of keys", e);
    }
    return total;
  }

  @Override
  public OptionalLong appliedOffset() {
    return appliedOffset == NO_OFFSET ? OptionalLong.empty() : OptionalLong.of(appliedOffset);
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    memory.unregister();
    for (RocksDbCursor cursor : new ArrayList<>(cursors)) {
      cursor.close();
    }
    Checks.checkState(cursors.isEmpty(), "BUG: store '%s' still has open cursors", name);
    for (ColumnFamilyHandle handle : dropped) {
      handle.close();
    }
    handles.close();
    writeOptions.close();
  }

  private StateStoreException failure(String action, RocksDBException e) {
    return new StateStoreException(
        "Store '%s' in %s could not %s: %s".formatted(name, directory, action, e.getMessage()), e);
  }
}
