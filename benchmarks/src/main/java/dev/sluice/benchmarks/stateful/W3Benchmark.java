package dev.sluice.benchmarks.stateful;

import dev.sluice.benchmarks.engine.W1Records;
import dev.sluice.state.StateStores;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.TimeWindows;
import dev.sluice.streams.Topology;
import dev.sluice.streams.WindowedSerdes;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3, a windowed count: {@code stream(in).groupByKey().windowedBy(1-minute tumbling, no
 * grace).count()} written out with {@link WindowedSerdes#timeWindowed}, over the W1 input (keys
 * {@code "k"+(i%10000)}, timestamps T0+10·i) of 10⁶ records through the test driver with a RocksDB
 * window store. {@code caching=false}: no record cache, every update emitted and a commit per
 * record; {@code caching=true}: a 10 MiB cache, one commit at the end. A key recurs every 100 s, so
 * each (key, window) is updated once and both modes emit exactly 10⁶ records, which every
 * invocation checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class W3Benchmark {
  private static final int RECORDS = 1_000_000;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  /** Whether the window store has a record cache. */
  @Param({"false", "true"})
  public boolean caching;

  private W1Records input;
  private Topology topology;
  private Map<String, Object> config;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    input = new W1Records(RECORDS);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(WINDOW))
        .count(Materialized.as("window-counts"))
        .toStream()
        .to(
            "out",
            Produced.with(WindowedSerdes.timeWindowed(Serdes.String(), WINDOW), Serdes.Long()));
    topology = builder.build();
    config = Map.of(StateStores.CACHE_BYTES_CONFIG, caching ? 10L << 20 : 0L);
  }

  /**
   * The workload through the test driver.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long windowedCount() {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      TestInputTopic<byte[], byte[]> in =
          driver.inputTopic("in", Serdes.ByteArray(), Serdes.ByteArray());
      for (int i = 0; i < RECORDS; i++) {
        in.pipe(input.keys[i], input.values[i], input.timestamps[i]);
      }
      // with a cache, the commit that flushes it
      driver.advanceWallClock(Duration.ofMinutes(1));
      long produced = driver.outputTopic("out", Serdes.ByteArray(), Serdes.ByteArray()).size();
      if (produced != RECORDS) {
        throw new IllegalStateException(
            String.format(
                "W3 (caching=%s): %d records written to out, expected %d",
                caching, produced, RECORDS));
      }
      return produced;
    }
  }
}
