package dev.sluice.benchmarks.compare;

import dev.sluice.benchmarks.engine.W1Records;
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
import org.apache.kafka.streams.kstream.Produced;
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
 * W1 on Kafka Streams' {@code TopologyTestDriver}: the same topology and the same pre-serialized
 * input as {@link dev.sluice.benchmarks.engine.W1Benchmark}, Sluice's half of the comparison.
 * {@code stream(in).filter(amount > 50.0).mapValues(amount × 1.1).to(out)} over 10⁶ records with
 * String serdes; one operation is one record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class W1KafkaStreamsBenchmark {
  static final int RECORDS = 1_000_000;

  private W1Records records;
  private Topology topology;
  private Path stateDir;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    records = new W1Records(RECORDS);
    topology = topology();
    stateDir = KafkaStreamsDrivers.newStateDir();
  }

  /** Removes the state directory. */
  @TearDown(Level.Trial)
  public void deleteStateDir() {
    KafkaStreamsDrivers.delete(stateDir);
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
   * The workload through Kafka Streams' test driver.
   *
   * @return records written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public long kafkaStreams() {
    try (TopologyTestDriver driver =
        new TopologyTestDriver(topology, KafkaStreamsDrivers.properties(stateDir))) {
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
      for (int i = 0; i < RECORDS; i++) {
        in.pipeInput(records.keys[i], records.values[i], records.timestamps[i]);
      }
      long produced =
          driver
              .createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .getQueueSize();
      return OutputCheck.expect(
          "W1 on Kafka Streams: records written to out", produced, records.expectedOutputs);
    }
  }
}
