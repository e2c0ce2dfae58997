package dev.sluice.benchmarks.engine;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * W1, the stateless workload: {@code stream(in).filter(amount > 50.0).mapValues(amount × 1.1,
 * printed with Double.toString).to(out)} over 10⁶ pre-serialized records with String serdes,
 * through Sluice's test driver and as a hand-written loop that does the same work with no
 * framework. One operation is one record, so {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes
 * allocated per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class W1Benchmark {
  static final int RECORDS = 1_000_000;

  private W1Records records;
  private Topology topology;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    records = new W1Records(RECORDS);
    topology = topology();
  }

  static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .filter((key, value) -> W1Records.amount(value) > 50.0)
        .mapValues(value -> Double.toString(W1Records.amount(value) * 1.1))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  /**
   * The workload through the test driver.
   *
   * @return records written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int sluiceTestDriver() {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      TestInputTopic<byte[], byte[]> in =
          driver.inputTopic("in", Serdes.ByteArray(), Serdes.ByteArray());
      for (int i = 0; i < RECORDS; i++) {
        in.pipe(records.keys[i], records.values[i], records.timestamps[i]);
      }
      int produced = driver.outputTopic("out", Serdes.ByteArray(), Serdes.ByteArray()).size();
      return check(produced);
    }
  }

  /**
   * The same work by hand: deserialize, parse, test, format, serialize, keep the output.
   *
   * @return records kept
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int handWrittenLoop() {
    List<byte[][]> out = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      String key = new String(records.keys[i], StandardCharsets.UTF_8);
      String value = new String(records.values[i], StandardCharsets.UTF_8);
      double amount = W1Records.amount(value);
      if (amount > 50.0) {
        String mapped = Double.toString(amount * 1.1);
        out.add(
            new byte[][] {
              key.getBytes(StandardCharsets.UTF_8), mapped.getBytes(StandardCharsets.UTF_8)
            });
      }
    }
    return check(out.size());
  }

  /**
   * The hand-written loop shaped like the topology: the filter and the mapper each parse the
   * amount, as the two DSL steps do. Not the baseline; it shows how much of the gap to
   * {@link #handWrittenLoop()} is the workload's second parse rather than the engine.
   *
   * @return records kept
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int handWrittenLoopParsingTwice() {
    List<byte[][]> out = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      String key = new String(records.keys[i], StandardCharsets.UTF_8);
      String value = new String(records.values[i], StandardCharsets.UTF_8);
      if (W1Records.amount(value) > 50.0) {
        String mapped = Double.toString(W1Records.amount(value) * 1.1);
        out.add(
            new byte[][] {
              key.getBytes(StandardCharsets.UTF_8), mapped.getBytes(StandardCharsets.UTF_8)
            });
      }
    }
    return check(out.size());
  }

  private int check(int produced) {
    if (produced != records.expectedOutputs) {
      throw new IllegalStateException(
          "W1 produced " + produced + " records, expected " + records.expectedOutputs);
    }
    return produced;
  }
}
