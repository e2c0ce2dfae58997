package dev.sluice.benchmarks.compare;

import static dev.sluice.benchmarks.compare.Workloads.W2_KEYS;
import static dev.sluice.benchmarks.compare.Workloads.W2_RECORDS;
import static dev.sluice.benchmarks.compare.Workloads.W2_STORE;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
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
 * W2 on Kafka Streams' {@code TopologyTestDriver}: a running count, {@code
 * stream(in).groupByKey().count().toStream().to(out)}, over 10⁶ records with keys {@code
 * "k"+(i%100000)}, on a RocksDB store and on an in-memory store, with the driver's defaults. The
 * driver commits after every record, so every update is emitted (10⁶ outputs) and change-logged,
 * with the record cache on (its default) or off. One operation is one input record. Sluice's half:
 * {@link W2SluiceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class W2KafkaStreamsBenchmark {
  private Inputs input;
  private Path stateDir;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    input = Workloads.w2();
    stateDir = KafkaStreamsDrivers.newStateDir();
  }

  /** Removes the state directory. */
  @TearDown(Level.Trial)
  public void deleteStateDir() {
    KafkaStreamsDrivers.delete(stateDir);
  }

  static Topology topology(Materialized<String, Long, KeyValueStore<Bytes, byte[]>> store) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count(store)
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  /**
   * With the default (RocksDB) store.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W2_RECORDS)
  public long kafkaStreamsRocksDb() {
    return run(topology(Materialized.as(W2_STORE)), "RocksDB");
  }

  /**
   * With the default (RocksDB) store and the record cache off ({@link
   * KafkaStreamsDrivers#NO_CACHE}).
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W2_RECORDS)
  public long kafkaStreamsRocksDbNoCache() {
    return run(
        topology(Materialized.as(W2_STORE)), "RocksDB, no cache", KafkaStreamsDrivers.NO_CACHE);
  }

  /**
   * With an in-memory store.
   *
   * @return updates written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W2_RECORDS)
  public long kafkaStreamsInMemory() {
    return run(topology(Materialized.as(Stores.inMemoryKeyValueStore(W2_STORE))), "in-memory");
  }

  private long run(Topology topology, String engine) {
    return run(topology, engine, Map.of());
  }

  private long run(Topology topology, String engine, Map<String, Object> overrides) {
    Properties properties = KafkaStreamsDrivers.properties(stateDir);
    properties.putAll(overrides);
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, properties)) {
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
      for (int i = 0; i < W2_RECORDS; i++) {
        in.pipeInput(input.keys()[i], input.values()[i], input.timestamps()[i]);
      }
      String what = "W2 on Kafka Streams (" + engine + ")";
      OutputCheck.expect(
          what + ": the count of k0",
          driver.<String, Long>getTimestampedKeyValueStore(W2_STORE).get("k0").value(),
          W2_RECORDS / W2_KEYS);
      long produced =
          driver
              .createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .getQueueSize();
      return OutputCheck.expect(what + ": records written to out", produced, W2_RECORDS);
    }
  }
}
