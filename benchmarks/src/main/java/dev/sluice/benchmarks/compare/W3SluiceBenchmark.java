package dev.sluice.benchmarks.compare;

import static dev.sluice.benchmarks.compare.Workloads.W3_RECORDS;
import static dev.sluice.benchmarks.compare.Workloads.W3_STORE;
import static dev.sluice.benchmarks.compare.Workloads.W3_WINDOW;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.TimeWindows;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
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
 * W3 on Sluice's test driver: the tumbling-window count of {@link W3KafkaStreamsBenchmark}, same
 * topology and input, each update written out keyed {@code key@windowStart} (10⁶ outputs). The
 * window store is RocksDB; like for like, {@code state.cache.bytes} = 0, so there is no record
 * cache and the driver commits after every record.
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
public class W3SluiceBenchmark {

  private Inputs input;
  private Topology topology;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    input = Workloads.w3();
    topology = topology();
  }

  static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(W3_WINDOW))
        .count(Materialized.<String, Long>as(W3_STORE))
        .toStream()
        .selectKey((windowed, count) -> windowed.key() + "@" + windowed.start())
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  /**
   * The workload through Sluice's test driver.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W3_RECORDS)
  public long sluice() {
    return run(SluiceDrivers.NO_CACHE, "W3 on Sluice");
  }

  /**
   * The workload with a 10 MiB record cache, committed once at the end. Every key appears once per
   * window, so the cache merges nothing and each window's count is still written once.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W3_RECORDS)
  public long sluiceCached() {
    return run(SluiceDrivers.CACHE, "W3 on Sluice, cached");
  }

  private long run(Map<String, Object> config, String what) {
    TopologyTestDriver driver = new TopologyTestDriver(topology, config);
    try {
      TestInputTopic<byte[], byte[]> in =
          driver.inputTopic("in", Serdes.ByteArray(), Serdes.ByteArray());
      for (int i = 0; i < W3_RECORDS; i++) {
        in.pipe(input.keys()[i], input.values()[i], input.timestamps()[i]);
      }
    } finally {
      // commits what a cache still holds, so the output is complete
      driver.close();
    }
    long produced = driver.outputTopic("out", Serdes.ByteArray(), Serdes.ByteArray()).size();
    return OutputCheck.expect(what + ": records written to out", produced, W3_RECORDS);
  }
}
