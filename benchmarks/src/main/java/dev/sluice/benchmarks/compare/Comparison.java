package dev.sluice.benchmarks.compare;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the side-by-side run measures: one row per workload with the JMH benchmark that is Kafka
 * Streams' half and the one that is Sluice's half (like for like; for W2 on RocksDB and W4 a second
 * row where Kafka Streams' record cache is off too, as Sluice's is), and extra rows that have no
 * Kafka Streams twin (the hand-written loop, Sluice's cached mode) compared against a Kafka Streams
 * row of the same workload.
 *
 * @param sideBySide like-for-like rows
 * @param extras extra rows
 */
public record Comparison(List<SideBySide> sideBySide, List<Extra> extras) {
  private static final String COMPARE = "dev.sluice.benchmarks.compare.";
  private static final String W2_KAFKA_STREAMS = COMPARE + "W2KafkaStreamsBenchmark.";
  private static final String W2_SLUICE = COMPARE + "W2SluiceBenchmark.";
  private static final String W1_SLUICE = "dev.sluice.benchmarks.engine.W1Benchmark.";
  private static final String W1_KAFKA_STREAMS = COMPARE + "W1KafkaStreamsBenchmark.kafkaStreams";

  /**
   * A workload measured on both systems.
   *
   * @param workload the workload, as the table shows it
   * @param kafkaStreams the fully qualified benchmark method of Kafka Streams' half
   * @param sluice the fully qualified benchmark method of Sluice's half, or {@code null} when
   *     Sluice cannot run the workload yet
   * @param note why a half is missing, or an empty string
   */
  public record SideBySide(String workload, String kafkaStreams, String sluice, String note) {}

  /**
   * A row with no Kafka Streams twin.
   *
   * @param label what the row measures
   * @param benchmark the fully qualified benchmark method
   * @param versus the Kafka Streams benchmark it is compared against
   */
  public record Extra(String label, String benchmark, String versus) {}

  /**
   * The comparison the committed code supports.
   *
   * @return the rows
   */
  public static Comparison current() {
    return new Comparison(
        List.of(
            new SideBySide(
                "W1 filter + mapValues", W1_KAFKA_STREAMS, W1_SLUICE + "sluiceTestDriver", ""),
            new SideBySide(
                "W2 count, RocksDB store",
                W2_KAFKA_STREAMS + "kafkaStreamsRocksDb",
                W2_SLUICE + "sluiceRocksDb",
                ""),
            new SideBySide(
                "W2 count, RocksDB store, Kafka Streams' record cache off too",
                W2_KAFKA_STREAMS + "kafkaStreamsRocksDbNoCache",
                W2_SLUICE + "sluiceRocksDb",
                ""),
            new SideBySide(
                "W2 count, in-memory store",
                W2_KAFKA_STREAMS + "kafkaStreamsInMemory",
                W2_SLUICE + "sluiceInMemory",
                ""),
            new SideBySide(
                "W3 1-minute tumbling-window count",
                COMPARE + "W3KafkaStreamsBenchmark.kafkaStreams",
                COMPARE + "W3SluiceBenchmark.sluice",
                ""),
            new SideBySide(
                "W4 stream-table join",
                COMPARE + "W4KafkaStreamsBenchmark.kafkaStreams",
                COMPARE + "W4SluiceBenchmark.sluice",
                "records/s counts all 1.1 × 10⁶ input records, the 10⁵ table records included"),
            new SideBySide(
                "W4 stream-table join, Kafka Streams' record cache off too",
                COMPARE + "W4KafkaStreamsBenchmark.kafkaStreamsNoCache",
                COMPARE + "W4SluiceBenchmark.sluice",
                "")),
        List.of(
            new Extra(
                "W1 hand-written loop (no framework)",
                W1_SLUICE + "handWrittenLoop",
                W1_KAFKA_STREAMS),
            new Extra(
                "W2 Sluice, RocksDB store, 10 MiB record cache, one commit at the end",
                W2_SLUICE + "sluiceCachedRocksDb",
                W2_KAFKA_STREAMS + "kafkaStreamsRocksDb"),
            new Extra(
                "W2 Sluice, RocksDB store, 10 MiB record cache, a commit after every record"
                    + " (Kafka Streams' driver mode)",
                W2_SLUICE + "sluiceCachedCommitEveryRecord",
                W2_KAFKA_STREAMS + "kafkaStreamsRocksDb"),
            new Extra(
                "W3 Sluice, 10 MiB record cache, one commit at the end",
                COMPARE + "W3SluiceBenchmark.sluiceCached",
                COMPARE + "W3KafkaStreamsBenchmark.kafkaStreams"),
            new Extra(
                "W4 Sluice, table behind a 10 MiB record cache, one commit at the end",
                COMPARE + "W4SluiceBenchmark.sluiceCached",
                COMPARE + "W4KafkaStreamsBenchmark.kafkaStreams")));
  }

  /**
   * The benchmarks of one workload, to run back to back so that changing load on a shared machine
   * skews their ratios as little as possible: Kafka Streams' half, Sluice's half, and the extra
   * rows compared against it.
   *
   * @param row a like-for-like row
   * @return fully qualified method names, each once
   */
  public List<String> benchmarksOf(SideBySide row) {
    return Stream.concat(
            Stream.of(row.kafkaStreams(), row.sluice()),
            extras.stream()
                .filter(extra -> extra.versus().equals(row.kafkaStreams()))
                .map(Extra::benchmark))
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }
}
