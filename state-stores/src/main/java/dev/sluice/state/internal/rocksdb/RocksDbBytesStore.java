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
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB engine: one database per store directory, every entry in one column family ({@code
 * data}; window and session keys prefixed with their segment id, see {@link StoredKeys}) and
 * metadata in the default column family (format version, key layout, applied changelog offset).
 *
 * <p>Invariants: no write uses RocksDB's write-ahead log: the changelog topic is the durable copy.
 * Data becomes durable when RocksDB flushes its memtables, which it does when one fills (bounded by
 * the shared write-buffer budget), at the end of a restore and at close; recording an applied
 * offset forces no flush. The applied offset is only ever written in the same {@link WriteBatch} as
 * the data it covers (or after it), and the database is opened with {@code atomic_flush}, so every
 * flush persists all column families at one point of the write sequence: after a crash the store
 * reopens with the data as of its last flush and an offset no newer than that data, and replaying
 * the changelog after that offset rebuilds the rest, at most about a memtable of it. Expired
 * segments are deleted by one range deletion over their keys, never key by key, and no column
 * family is created or dropped while the store is open (each is a write to RocksDB's manifest).
 * Close order: cursors, column family handles, database, then options ({@link RocksDbHandles}).
 *
 * <p>Failure modes: every {@link RocksDBException} becomes a {@link StateStoreException} naming the
 * store. Single-threaded.
 */
public final class RocksDbBytesStore implements BytesStore {

  private final String name;
  private final Path directory;
  private final KeySchema schema;
  private final RocksDbHandles handles;
  private final StoredKeys keys;
  private final RocksDbMemory memory;
  private long memtableBytes;
  private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
  private final Set<RocksDbCursor> cursors = new HashSet<>();
  private long streamTime = Long.MIN_VALUE;
  // The segments that may hold entries: [firstSegment, lastSegment], empty when first > last.
  private long firstSegment = Long.MAX_VALUE;
  private long lastSegment = Long.MIN_VALUE;
  private long appliedOffset;
  private boolean bulkWritten;
  private boolean unflushed;
  private boolean closed;

  RocksDbBytesStore(
      String name, Path directory, KeySchema schema, RocksDbHandles handles, RocksDbMemory memory) {
    this.name = name;
    this.memory = memory;
    this.directory = directory;
    this.schema = schema;
    this.handles = handles;
    this.keys = new StoredKeys(schema);
    this.appliedOffset = handles.readAppliedOffset();
    if (schema.segmented()) {
      findSegments();
    }
    memory.register();
    this.memtableBytes = memory.memtableBytes();
  }

  /**
   * Finds the oldest and newest segment with entries; stream time starts at the newest segment's
   * start, a lower bound of the time the store had seen: it can only delay expiry, never drop live
   * data, and the next write moves stream time forward exactly.
   */
  private void findSegments() {
    try (RocksIterator iterator = handles.db().newIterator(handles.data())) {
      iterator.seekToFirst();
      if (iterator.isValid()) {
        firstSegment = keys.segmentOf(iterator.key());
        iterator.seekToLast();
        lastSegment = keys.segmentOf(iterator.key());
        streamTime = schema.segmentStart(lastSegment);
      }
    }
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
    long segment = schema.segmentOf(key);
    if (schema.segmented() && (segment < firstSegment || segment > lastSegment)) {
      return null;
    }
    try {
      return handles.db().get(handles.data(), keys.stored(segment, key));
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
        byte[] stored = storedKey(write.key());
        if (stored != null) {
          if (write.value() == null) {
            handles.db().delete(handles.data(), writeOptions, stored);
          } else {
            handles.db().put(handles.data(), writeOptions, stored, write.value());
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
    } catch (RocksDBException e) {
      throw failure("write " + writes.size() + " entries", e);
    }
    dropExpiredSegments();
  }

  /**
   * Persists the memtables of every column family in one atomic flush, so the last offset written
   * and the data under it survive a crash together.
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
    byte[] stored = storedKey(key);
    if (stored == null) {
      return;
    }
    if (value == null) {
      batch.delete(handles.data(), stored);
    } else {
      batch.put(handles.data(), stored, value);
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

  /** The RocksDB key of a key about to be written; null if the key's segment expired. */
  private byte[] storedKey(byte[] key) {
    if (!schema.segmented()) {
      return key;
    }
    streamTime = Math.max(streamTime, schema.timeOf(key));
    long segment = schema.segmentOf(key);
    if (segment < schema.minLiveSegment(streamTime)) {
      return null;
    }
    firstSegment = Math.min(firstSegment, segment);
    lastSegment = Math.max(lastSegment, segment);
    return keys.stored(segment, key);
  }

  /** Deletes the segments stream time has left behind, with one range deletion for all of them. */
  private void dropExpiredSegments() {
    long live = schema.minLiveSegment(streamTime);
    if (!schema.segmented() || firstSegment >= live || firstSegment > lastSegment) {
      return;
    }
    try {
      handles
          .db()
          .deleteRange(
              handles.data(),
              writeOptions,
              StoredKeys.segmentStart(firstSegment),
              StoredKeys.segmentStart(live));
    } catch (RocksDBException e) {
      throw failure("delete expired segments", e);
    }
    firstSegment = live;
    if (firstSegment > lastSegment) {
      firstSegment = Long.MAX_VALUE;
      lastSegment = Long.MIN_VALUE;
    }
    unflushed = true;
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
  }

  @Override
  public void flush() {}

  @Override
  public BytesIterator range(BytesRange range, boolean reverse) {
    long first =
        schema.segmented() ? Math.max(firstSegment, schema.segmentOfTime(range.timeFrom())) : 0;
    long last =
        schema.segmented() ? Math.min(lastSegment, schema.segmentOfTime(range.timeTo())) : 0;
    RocksDbCursor cursor =
        new RocksDbCursor(
            name,
            handles.db().newIterator(handles.data()),
            keys,
            range,
            first,
            last,
            reverse,
            cursors::remove);
    cursors.add(cursor);
    return cursor;
  }

  @Override
  public long approximateNumEntries() {
    try {
      return handles.db().getLongProperty(handles.data(), "rocksdb.estimate-num-keys");
    } catch (RocksDBException e) {
      throw failure("estimate the number of keys", e);
    }
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
    try {
      flushAll(); // a clean close leaves nothing to restore
    } catch (RocksDBException e) {
      throw failure("flush before closing", e);
    } finally {
      handles.close();
      writeOptions.close();
    }
  }

  private StateStoreException failure(String action, RocksDBException e) {
    return new StateStoreException(
        "Store '%s' in %s could not %s: %s".formatted(name, directory, action, e.getMessage()), e);
  }
}
