package dev.sluice.benchmarks.compare;

import static dev.sluice.benchmarks.compare.Workloads.W3_RECORDS;
import static dev.sluice.benchmarks.compare.Workloads.W3_STORE;
import static dev.sluice.benchmarks.compare.Workloads.W3_WINDOW;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3 on Kafka Streams' {@code TopologyTestDriver}, a tumbling-window count: {@code
 * groupByKey().windowedBy(1 minute, no grace).count()} over 10⁶ records with keys {@code
 * "k"+(i%10000)} at T0+10·i, each update written out keyed {@code key@windowStart}. A key recurs
 * every 100 s, so every update is a new window's first count: 10⁶ outputs. One operation is one
 * input record; the window store is RocksDB.
 *
 * <p>Sluice's half: {@link W3SluiceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class W3KafkaStreamsBenchmark {
  private Inputs input;
  private Topology kafkaStreamsTopology;
  private Path stateDir;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    input = Workloads.w3();
    kafkaStreamsTopology = kafkaStreamsTopology();
    stateDir = KafkaStreamsDrivers.newStateDir();
  }

  /** Removes the state directory. */
  @TearDown(Level.Trial)
  public void deleteStateDir() {
    KafkaStreamsDrivers.delete(stateDir);
  }

  static Topology kafkaStreamsTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(W3_WINDOW))
        .count(Materialized.as(W3_STORE))
        .toStream((windowed, count) -> windowed.key() + "@" + windowed.window().start())
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  /**
   * The workload through Kafka Streams' test driver.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W3_RECORDS)
  public long kafkaStreams() {
    try (TopologyTestDriver driver =
        new TopologyTestDriver(kafkaStreamsTopology, KafkaStreamsDrivers.properties(stateDir))) {
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
      for (int i = 0; i < W3_RECORDS; i++) {
        in.pipeInput(input.keys()[i], input.values()[i], input.timestamps()[i]);
      }
      long produced =
          driver
              .createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .getQueueSize();
      return OutputCheck.expect(
          "W3 on Kafka Streams: records written to out", produced, W3_RECORDS);
    }
  }
}
