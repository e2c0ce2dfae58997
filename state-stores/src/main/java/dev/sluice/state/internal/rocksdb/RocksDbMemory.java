package dev.sluice.state.internal.rocksdb;

import dev.sluice.state.internal.Checks;
import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The process-wide RocksDB memory budget: one LRU block cache whose capacity is the budget, and one
 * write-buffer manager that charges every memtable to that same cache. All stores opened through
 * one {@code StateStores} share both, so block cache, index/filter blocks and memtables of all
 * stores together stay near the budget.
 *
 * <p>Thread-safe (RocksDB's cache and manager are). Close it only after every store using it is
 * closed: the handles are shared pointers on the native side, but a closed Java handle cannot be
 * handed to new stores.
 */
public final class RocksDbMemory implements AutoCloseable {

  static {
    RocksDB.loadLibrary();
  }

  /** Share of the budget that memtables may take before the manager forces flushes. */
  private static final double WRITE_BUFFER_SHARE = 0.5;

  private static final long MIN_MEMTABLE_BYTES = 64L << 10;

  private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

  private static final long MAX_MEMTABLE_BYTES = 16L << 20;

  private final long budgetBytes;
  private final LRUCache cache;
  private final WriteBufferManager writeBufferManager;
  private final AtomicInteger openEngines = new AtomicInteger();
  private volatile long memtableBytes;

  /**
   * Creates the shared cache and write-buffer manager.
   *
   * @param budgetBytes the total off-heap budget, {@code >= 1 MiB}
   */
  public RocksDbMemory(long budgetBytes) {
    Checks.checkArgument(
        budgetBytes >= 1 << 20,
        "state.memory.bytes was %s; RocksDB needs at least 1048576 (1 MiB), default 268435456",
        budgetBytes);
    this.budgetBytes = budgetBytes;
    this.cache = new LRUCache(budgetBytes, -1, false, HIGH_PRIORITY_POOL_RATIO);
    this.writeBufferManager =
        new WriteBufferManager((long) (budgetBytes * WRITE_BUFFER_SHARE), cache);
    rebalance(0);
  }

  /**
   * The memtable size each store should use now: half the write-buffer budget split over the open
   * stores. The write-buffer manager can only flush the store being written, so memtables of idle
   * stores hold their memory; if their sum could exceed the manager's limit, every write would
   * flush a tiny memtable (a flush storm). Splitting the budget keeps the sum below it.
   *
   * @return bytes per memtable
   */
  long memtableBytes() {
    return memtableBytes;
  }

  void register() {
    rebalance(openEngines.incrementAndGet());
  }

  void unregister() {
    rebalance(openEngines.decrementAndGet());
  }

  private void rebalance(int engines) {
    long share = (long) (budgetBytes * WRITE_BUFFER_SHARE) / (2L * Math.max(1, engines));
    memtableBytes = Math.max(MIN_MEMTABLE_BYTES, Math.min(MAX_MEMTABLE_BYTES, share));
  }

  /**
   * The configured budget.
   *
   * @return bytes
   */
  public long budgetBytes() {
    return budgetBytes;
  }

  /**
   * The shared block cache.
   *
   * @return the cache
   */
  public Cache cache() {
    return cache;
  }

  /**
   * The shared write-buffer manager.
   *
   * @return the manager
   */
  public WriteBufferManager writeBufferManager() {
    return writeBufferManager;
  }

  /**
   * Points the options of one store at the shared cache and manager.
   *
   * @param dbOptions database options to configure
   * @param columnFamilyOptions column family options to configure
   */
  void apply(DBOptions dbOptions, ColumnFamilyOptions columnFamilyOptions) {
    dbOptions.setWriteBufferManager(writeBufferManager);
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setCacheIndexAndFilterBlocks(true)
            .setCacheIndexAndFilterBlocksWithHighPriority(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
    columnFamilyOptions
        .setTableFormatConfig(table)
        .setArenaBlockSize(MIN_MEMTABLE_BYTES / 4)
        .setWriteBufferSize(memtableBytes);
  }

  @Override
  public void close() {
    writeBufferManager.close();
    cache.close();
  }
}
