package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty RocksDB stores in one JVM share one block cache and one write-buffer manager sized by
 * {@code state.memory.bytes}, as RocksDB's own properties show. Half the budget is the write-buffer
 * manager's limit.
 */
class SharedMemoryBudgetTest {

  private static final long BUDGET = 16L << 20;
  private static final int STORES = 50;

  @TempDir Path stateDir;

  private StateStores stores;
  private final List<KeyValueStore<byte[], byte[]>> open = new ArrayList<>();

  @BeforeEach
  void openFifty() {
    stores = StateStores.create(Map.of(StateStores.MEMORY_BYTES_CONFIG, Long.toString(BUDGET)));
    for (int i = 0; i < STORES; i++) {
      KeyValueStore<byte[], byte[]> store =
          stores
              .keyValueStore("store", Serdes.ByteArray(), Serdes.ByteArray())
              .build(stateDir.resolve("0_" + i));
      store.finishRestore();
      open.add(store);
    }
  }

  @AfterEach
  void closeAll() {
    open.forEach(StateStore::close);
    stores.close();
  }

  private long property(int store, String name) {
    return Long.parseLong(stores.rocksDbProperty(open.get(store), name));
  }

  private static void fill(KeyValueStore<byte[], byte[]> store, int bytes) {
    byte[] value = new byte[1000];
    for (int i = 0; i < bytes / 1000; i++) {
      store.put(Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
    }
  }

  @Test
  void everyStoreReportsTheOneConfiguredBlockCache() {
    assertThat(stores.memoryBudgetBytes()).isEqualTo(BUDGET);
    for (int i = 0; i < STORES; i++) {
      assertThat(property(i, "rocksdb.block-cache-capacity")).as("store %s", i).isEqualTo(BUDGET);
    }
  }

  @Test
  void memtablesOfSomeStoresAreChargedToTheCacheEveryStoreSees() {
    long before = property(STORES - 1, "rocksdb.block-cache-usage");
    for (int i = 0; i < 10; i++) {
      fill(open.get(i), 60_000);
      assertThat(property(i, "rocksdb.size-all-mem-tables")).isGreaterThan(60_000L);
    }
    long after = property(STORES - 1, "rocksdb.block-cache-usage");
    assertThat(after - before)
        .as("the last store, never written, sees the others' memtables in its block cache usage")
        .isGreaterThanOrEqualTo(512L << 10);
    long usage = property(0, "rocksdb.block-cache-usage");
    for (int i = 1; i < STORES; i++) {
      assertThat(property(i, "rocksdb.block-cache-usage")).as("store %s", i).isEqualTo(usage);
    }
  }

  @Test
  void theSharedWriteBufferManagerBoundsAllMemtablesTogether() {
    int perStore = 200_000;
    for (KeyValueStore<byte[], byte[]> store : open) {
      fill(store, perStore);
    }
    long written = (long) perStore * STORES;
    long writeBufferLimit = BUDGET / 2;
    long total = 0;
    for (int i = 0; i < STORES; i++) {
      total += property(i, "rocksdb.size-all-mem-tables");
    }
    assertThat(written).isGreaterThan(writeBufferLimit);
    assertThat(total)
        .as("memtables of all 50 stores together, after writing %s bytes", written)
        .isLessThanOrEqualTo(writeBufferLimit);
  }
}
