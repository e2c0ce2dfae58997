package dev.sluice.state;

import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * Expert hook to tune the RocksDB options of one store.
 *
 * <p>Called once per store open, after Sluice has applied its defaults (shared block cache, shared
 * write-buffer manager, atomic flush). Replacing the table format config or the write-buffer
 * manager takes the store out of the process-wide memory budget; do not. Objects the hook creates
 * are owned by the hook.
 */
@FunctionalInterface
public interface RocksDbOptionsHook {

  /**
   * Adjusts the options of one store.
   *
   * @param storeName the store being opened
   * @param dbOptions the database options
   * @param columnFamilyOptions the options used for every column family of the store
   */
  void configure(String storeName, DBOptions dbOptions, ColumnFamilyOptions columnFamilyOptions);
}
