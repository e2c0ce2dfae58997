package dev.sluice.benchmarks.compare;

import static dev.sluice.benchmarks.compare.Workloads.W4_ORDERS;
import static dev.sluice.benchmarks.compare.Workloads.W4_RECORDS;
import static dev.sluice.benchmarks.compare.Workloads.W4_STORE;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
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
 * W4 on Kafka Streams' {@code TopologyTestDriver}, a stream-table join: a table of 100,000
 * customers ({@code "c"+j → "customer-"+j}) is loaded first, then 10⁶ orders keyed {@code
 * "c"+(i%100000)} are joined with it ({@code order + "," + customer}) and written out. Every order
 * finds its customer: 10⁶ outputs. The table store is RocksDB, with the record cache on (the
 * driver's default, flushed after every record) or off. One operation is one input record, table
 * records included (1.1 × 10⁶ per invocation).
 *
 * <p>Sluice's half: {@link W4SluiceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class W4KafkaStreamsBenchmark {
  private Inputs customers;
  private Inputs orders;
  private Topology kafkaStreamsTopology;
  private Path stateDir;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    customers = Workloads.w4Customers();
    orders = Workloads.w4Orders();
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
    KTable<String, String> customers =
        builder.table(
            "customers",
            Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as(W4_STORE));
    builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
        .join(customers, (order, customer) -> order + "," + customer)
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  /**
   * The workload through Kafka Streams' test driver, with its defaults (record cache on, flushed
   * after every record).
   *
   * @return joined records written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W4_RECORDS)
  public long kafkaStreams() {
    return run(Map.of(), "W4 on Kafka Streams");
  }

  /**
   * The workload with the record cache off ({@link KafkaStreamsDrivers#NO_CACHE}): every lookup of
   * a customer reads RocksDB.
   *
   * @return joined records written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W4_RECORDS)
  public long kafkaStreamsNoCache() {
    return run(KafkaStreamsDrivers.NO_CACHE, "W4 on Kafka Streams, no cache");
  }

  private long run(Map<String, Object> overrides, String what) {
    Properties properties = KafkaStreamsDrivers.properties(stateDir);
    properties.putAll(overrides);
    try (TopologyTestDriver driver = new TopologyTestDriver(kafkaStreamsTopology, properties)) {
      pipe(
          driver.createInputTopic(
              "customers", new ByteArraySerializer(), new ByteArraySerializer()),
          customers);
      pipe(
          driver.createInputTopic("orders", new ByteArraySerializer(), new ByteArraySerializer()),
          orders);
      long produced =
          driver
              .createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .getQueueSize();
      return OutputCheck.expect(what + ": records written to out", produced, W4_ORDERS);
    }
  }

  private static void pipe(TestInputTopic<byte[], byte[]> topic, Inputs input) {
    for (int i = 0; i < input.size(); i++) {
      topic.pipeInput(input.keys()[i], input.values()[i], input.timestamps()[i]);
    }
  }
}
