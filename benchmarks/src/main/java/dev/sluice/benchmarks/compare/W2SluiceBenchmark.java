package dev.sluice.benchmarks.compare;

import static dev.sluice.benchmarks.compare.Workloads.W2_KEYS;
import static dev.sluice.benchmarks.compare.Workloads.W2_RECORDS;
import static dev.sluice.benchmarks.compare.Workloads.W2_STORE;

import dev.sluice.state.StateStores;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2 on Sluice's test driver: the running count of {@link W2KafkaStreamsBenchmark}, same topology
 * and input, on a RocksDB store and on an in-memory store.
 *
 * <p>Like for like: with {@code state.cache.bytes} = 0 the driver has no record cache and commits
 * after every record, as Kafka Streams' driver does, so every update is emitted (10⁶ outputs) and
 * change-logged. {@link #sluiceCachedRocksDb()} is an extra row with no Kafka Streams twin: a 10
 * MiB record cache and one commit at the end, so updates to a key that stays cached are merged.
 *
 * <p>Driver settings: {@link SluiceDrivers} (RocksDB gets the runtime's default memory budget).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class W2SluiceBenchmark {
  private static final Map<String, Object> CACHE_COMMIT_EVERY_RECORD =
      SluiceDrivers.withCache(StateStores.CACHE_BYTES_DEFAULT, Map.of("commit.interval.ms", 0L));

  private Inputs input;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    input = Workloads.w2();
  }

  static Topology topology(Materialized<String, Long> store) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count(store)
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  /**
   * RocksDB store, no record cache.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W2_RECORDS)
  public long sluiceRocksDb() {
    long produced = run(topology(Materialized.as(W2_STORE)), SluiceDrivers.NO_CACHE, "RocksDB");
    return OutputCheck.expect(
        "W2 on Sluice (RocksDB): records written to out", produced, W2_RECORDS);
  }

  /**
   * In-memory store, no record cache.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W2_RECORDS)
  public long sluiceInMemory() {
    long produced =
        run(
            topology(Materialized.<String, Long>as(W2_STORE).inMemory()),
            SluiceDrivers.NO_CACHE,
            "in-memory");
    return OutputCheck.expect(
        "W2 on Sluice (in-memory): records written to out", produced, W2_RECORDS);
  }

  /**
   * RocksDB store behind a 10 MiB record cache, committed once at the end. Each key's last update
   * is emitted; how many earlier ones are depends on evictions, so the check is a range.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W2_RECORDS)
  public long sluiceCachedRocksDb() {
    long produced =
        run(topology(Materialized.as(W2_STORE)), SluiceDrivers.CACHE, "RocksDB, cached");
    if (produced < W2_KEYS || produced > W2_RECORDS) {
      throw new IllegalStateException(
          String.format(
              "W2 on Sluice (RocksDB, cached) wrote %s records to out, expected %s to %s",
              produced, W2_KEYS, W2_RECORDS));
    }
    return produced;
  }

  /**
   * Kafka Streams' own driver mode: RocksDB store behind a 10 MiB record cache, committed (so the
   * cache flushed) after every record. Every update is emitted and change-logged, as with no cache,
   * but reads of cached counts are served from the heap.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W2_RECORDS)
  public long sluiceCachedCommitEveryRecord() {
    long produced =
        run(
            topology(Materialized.as(W2_STORE)),
            CACHE_COMMIT_EVERY_RECORD,
            "RocksDB, cached, commit every record",
            true);
    return OutputCheck.expect(
        "W2 on Sluice (RocksDB, cached, commit every record): records written to out",
        produced,
        W2_RECORDS);
  }

  private long run(Topology topology, Map<String, Object> config, String engine) {
    return run(topology, config, engine, false);
  }

  private long run(
      Topology topology, Map<String, Object> config, String engine, boolean commitEveryRecord) {
    TopologyTestDriver driver = new TopologyTestDriver(topology, config);
    try {
      TestInputTopic<byte[], byte[]> in =
          driver.inputTopic("in", Serdes.ByteArray(), Serdes.ByteArray());
      for (int i = 0; i < W2_RECORDS; i++) {
        in.pipe(input.keys()[i], input.values()[i], input.timestamps()[i]);
        if (commitEveryRecord) {
          driver.advanceWallClock(Duration.ZERO); // commit.interval.ms = 0: commits now
        }
      }
      OutputCheck.expect(
          "W2 on Sluice (" + engine + "): the count of k0",
          driver.<String, Long>keyValueStore(W2_STORE).get("k0"),
          W2_RECORDS / W2_KEYS);
    } finally {
      // commits what a cache still holds, so the output is complete
      driver.close();
    }
    return driver.outputTopic("out", Serdes.ByteArray(), Serdes.ByteArray()).size();
  }
}
