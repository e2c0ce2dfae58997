package dev.sluice.state.internal.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.internal.bytes.Bytes;
import dev.sluice.state.internal.bytes.BytesWrite;
import dev.sluice.state.internal.bytes.KeySchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a write-ahead log and with no flush forced at commits, data and the applied offset become
 * durable together whenever RocksDB flushes a full memtable on its own.
 */
class RocksDbDurabilityTest {
  private static final int BATCH = 100;
  private static final int MAX_BATCHES = 10_000;

  @TempDir Path dir;

  private static byte[] key(long index) {
    byte[] key = new byte[Long.BYTES];
    Bytes.putLong(key, 0, index);
    return key;
  }

  private static RocksDbBytesStore open(Path directory, RocksDbMemory memory) {
    return RocksDbOpener.open("kv", directory, KeySchema.keyValue(), memory, null, (n, d, r) -> {});
  }

  private static long property(RocksDbBytesStore store, String name) {
    return Long.parseLong(store.property(name));
  }

  @Test
  void aFlushRocksDbMakesOnItsOwnPersistsTheDataWithTheOffsetRecordedBeforeIt() throws Exception {
    Path live = dir.resolve("live");
    Path crashed = dir.resolve("crashed");
    try (RocksDbMemory memory = new RocksDbMemory(1 << 20)) { // 256 KiB memtables
      RocksDbBytesStore store = open(live, memory);
      long next = 0;
      for (int batch = 0;
          batch < MAX_BATCHES && property(store, "rocksdb.total-sst-files-size") == 0;
          batch++) {
        List<BytesWrite> writes = new ArrayList<>();
        for (int i = 0; i < BATCH; i++, next++) {
          writes.add(new BytesWrite(key(next), new byte[200], 0));
        }
        store.write(writes, next - 1);
      }
      assertThat(property(store, "rocksdb.total-sst-files-size"))
          .as("RocksDB flushed a full memtable")
          .isPositive();
      awaitNoFlushRunning(store);
      // a crash: the copy is what a restarted process would find
      copyDirectory(live, crashed);
      store.close();

      try (RocksDbBytesStore recovered = open(crashed, memory)) {
        long durable = recovered.appliedOffset().orElseThrow();
        assertThat(durable).isBetween(0L, next - 1);
        for (long index = 0; index <= durable; index++) {
          assertThat(recovered.get(key(index))).as("entry %d", index).isNotNull();
        }
      }
    }
  }

  private static void awaitNoFlushRunning(RocksDbBytesStore store) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (property(store, "rocksdb.num-running-flushes") > 0
        || property(store, "rocksdb.mem-table-flush-pending") > 0
        || property(store, "rocksdb.num-immutable-mem-table") > 0) {
      assertThat(System.nanoTime()).as("flushes finished within 30 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        if (!file.getFileName().toString().equals("LOCK")) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
