package dev.sluice.benchmarks.state;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.StateStores;
import dev.sluice.state.StoreBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Key-value store throughput: put, get and a 100-key range on RocksDB vs in memory over 100k 8-byte
 * keys with 100-byte values; and restore of 10^6 changelog records through the bulk path (write
 * batches of 10k, WAL off) vs plain puts.
 *
 * <p>Run: {@code mvn -q package exec:exec -Djmh.args="StoreBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s"}.
 * Throughput scores are operations per second; restore scores are seconds per 10^6 records.
 */
public class StoreBenchmark {

  static final int KEYS = 100_000;
  static final int RESTORE_RECORDS = 1_000_000;
  static final int RESTORE_BATCH = 10_000;

  static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** One preloaded store per engine. */
  @State(Scope.Thread)
  public static class Loaded {
    @Param({"rocksdb", "inmemory"})
    public String engine;

    Path dir;
    StateStores stores;
    KeyValueStore<byte[], byte[]> store;
    final SplittableRandom random = new SplittableRandom(42);
    final byte[] value = new byte[100];

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("sluice-bench");
      stores = StateStores.create(Map.of());
      StoreBuilder<KeyValueStore<byte[], byte[]>, byte[], byte[]> builder =
          stores.keyValueStore("bench", Serdes.ByteArray(), Serdes.ByteArray());
      store = ("inmemory".equals(engine) ? builder.inMemory() : builder).build(dir);
      store.finishRestore();
      List<KeyValue<byte[], byte[]>> batch = new ArrayList<>();
      for (long i = 0; i < KEYS; i++) {
        batch.add(KeyValue.of(key(i), value));
        if (batch.size() == 10_000) {
          store.putAll(batch);
          batch.clear();
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      store.close();
      stores.close();
      deleteRecursively(dir);
    }
  }

  /** Writes a random existing key. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void put(Loaded state) {
    state.store.put(key(state.random.nextInt(KEYS)), state.value);
  }

  /** Reads a random existing key. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public byte[] get(Loaded state) {
    return state.store.get(key(state.random.nextInt(KEYS)));
  }

  /** Iterates 100 consecutive keys from a random start. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void range(Loaded state, Blackhole blackhole) {
    long from = state.random.nextInt(KEYS - 100);
    try (KeyValueIterator<byte[], byte[]> iterator = state.store.range(key(from), key(from + 99))) {
      while (iterator.hasNext()) {
        blackhole.consume(iterator.next());
      }
    }
  }

  /** 10^6 changelog records in batches, and an empty RocksDB store per invocation. */
  @State(Scope.Thread)
  public static class Changelog {
    final List<List<ChangelogRecord>> batches = new ArrayList<>();
    Path dir;
    StateStores stores;
    KeyValueStore<byte[], byte[]> store;

    @Setup(Level.Trial)
    public void generate() {
      SplittableRandom random = new SplittableRandom(7);
      List<ChangelogRecord> batch = new ArrayList<>(RESTORE_BATCH);
      for (long offset = 0; offset < RESTORE_RECORDS; offset++) {
        byte[] value = new byte[100];
        value[0] = (byte) offset;
        batch.add(new ChangelogRecord(key(random.nextInt(KEYS * 5)), value, offset, offset));
        if (batch.size() == RESTORE_BATCH) {
          batches.add(batch);
          batch = new ArrayList<>(RESTORE_BATCH);
        }
      }
      stores = StateStores.create(Map.of());
    }

    @Setup(Level.Invocation)
    public void openEmpty() throws IOException {
      dir = Files.createTempDirectory("sluice-restore");
      store = stores.keyValueStore("restore", Serdes.ByteArray(), Serdes.ByteArray()).build(dir);
    }

    @TearDown(Level.Invocation)
    public void closeAndDelete() throws IOException {
      store.close();
      deleteRecursively(dir);
    }

    @TearDown(Level.Trial)
    public void release() {
      stores.close();
    }
  }

  /** Restores 10^6 records through {@code restore()}: write batches without WAL, then flush. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void restoreBulk(Changelog changelog) {
    for (List<ChangelogRecord> batch : changelog.batches) {
      changelog.store.restore(batch);
    }
    changelog.store.finishRestore();
  }

  /** Applies the same 10^6 records with one {@code put} each on a running store. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void restoreWithPuts(Changelog changelog) {
    changelog.store.finishRestore();
    for (List<ChangelogRecord> batch : changelog.batches) {
      for (ChangelogRecord record : batch) {
        changelog.store.put(record.key(), record.value());
      }
    }
  }
}
