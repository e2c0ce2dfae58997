package dev.sluice.benchmarks.compare;

import static dev.sluice.benchmarks.compare.Workloads.W4_ORDERS;
import static dev.sluice.benchmarks.compare.Workloads.W4_RECORDS;
import static dev.sluice.benchmarks.compare.Workloads.W4_STORE;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
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
 * W4 on Sluice's test driver: the stream-table join of {@link W4KafkaStreamsBenchmark}, same
 * topology and input (100,000 customers loaded first, then 10⁶ orders joined, 10⁶ outputs). The
 * table store is RocksDB; like for like, {@code state.cache.bytes} = 0, so there is no record cache
 * and the driver commits after every record. One operation is one input record, table records
 * included.
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
public class W4SluiceBenchmark {

  private Inputs customers;
  private Inputs orders;
  private Topology topology;

  /** Generates the input once; not timed. */
  @Setup(Level.Trial)
  public void generate() {
    customers = Workloads.w4Customers();
    orders = Workloads.w4Orders();
    topology = topology();
  }

  static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> customers =
        builder.table(
            "customers",
            Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String>as(W4_STORE));
    builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()))
        .join(customers, (order, customer) -> order + "," + customer)
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  /**
   * The workload through Sluice's test driver.
   *
   * @return joined records written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W4_RECORDS)
  public long sluice() {
    return run(SluiceDrivers.NO_CACHE, "W4 on Sluice");
  }

  /**
   * The workload with the customers table behind a 10 MiB record cache, committed once at the end.
   * Every order is still joined and written.
   *
   * @return joined records written to {@code out}
   */
  @Benchmark
  @OperationsPerInvocation(W4_RECORDS)
  public long sluiceCached() {
    return run(SluiceDrivers.CACHE, "W4 on Sluice, cached");
  }

  private long run(Map<String, Object> config, String what) {
    TopologyTestDriver driver = new TopologyTestDriver(topology, config);
    try {
      pipe(driver.inputTopic("customers", Serdes.ByteArray(), Serdes.ByteArray()), customers);
      pipe(driver.inputTopic("orders", Serdes.ByteArray(), Serdes.ByteArray()), orders);
    } finally {
      driver.close();
    }
    long produced = driver.outputTopic("out", Serdes.ByteArray(), Serdes.ByteArray()).size();
    return OutputCheck.expect(what + ": records written to out", produced, W4_ORDERS);
  }

  private static void pipe(TestInputTopic<byte[], byte[]> topic, Inputs input) {
    for (int i = 0; i < input.size(); i++) {
      topic.pipe(input.keys()[i], input.values()[i], input.timestamps()[i]);
    }
  }
}
