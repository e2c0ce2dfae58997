package dev.sluice.benchmarks.endtoend;

import dev.sluice.benchmarks.engine.W1Records;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * W2, a running count: {@code stream(in).groupByKey().count().toStream().to(out)} over W1's values
 * with keys {@code "k"+(i%100000)}, on each system's default store (RocksDB, change-logged, with
 * its record cache, so updates are emitted about once per key per commit).
 */
final class W2Workload implements Workload {
  static final int KEYS = 100_000;

  @Override
  public String name() {
    return "W2";
  }

  @Override
  public String description() {
    return "groupByKey().count() on RocksDB (logged, cached; defaults), keys k+(i%100000)";
  }

  @Override
  public InputRecords generate(int count) {
    W1Records records = new W1Records(count);
    byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = ("k" + (i % KEYS)).getBytes(StandardCharsets.UTF_8);
    }
    return new InputRecords(keys, records.values, records.timestamps);
  }

  @Override
  public dev.sluice.streams.Topology sluiceTopology(RunTopics topics) {
    dev.sluice.streams.StreamsBuilder builder = new dev.sluice.streams.StreamsBuilder();
    builder.stream(
            topics.input(), dev.sluice.streams.Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count()
        .toStream()
        .to(topics.output(), dev.sluice.streams.Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  @Override
  public org.apache.kafka.streams.Topology kafkaStreamsTopology(RunTopics topics) {
    org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
    builder.stream(
            topics.input(),
            org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count()
        .toStream()
        .to(
            topics.output(),
            org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  @Override
  public boolean stateful() {
    return true;
  }

  @Override
  public PassthroughLogic passthroughLogic() {
    return new CountInMemory();
  }

  @Override
  public long checkOutput(OutputReader output, InputRecords input) {
    Map<String, Long> latest = output.latestLongPerKey();
    long total = latest.values().stream().mapToLong(Long::longValue).sum();
    int expectedKeys = Math.min(KEYS, input.size());
    if (latest.size() != expectedKeys || total != input.size()) {
      throw new IllegalStateException(
          "W2 final counts: "
              + latest.size()
              + " keys summing to "
              + total
              + ", expected "
              + expectedKeys
              + " keys summing to "
              + input.size());
    }
    return output.recordCount();
  }

  /**
   * The count by hand: a HashMap, and the keys changed since the last commit emitted before it (as
   * a record cache would); no store, no changelog.
   */
  private static final class CountInMemory implements PassthroughLogic {
    private final Map<String, long[]> counts = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final LongSerializer longs = new LongSerializer();

    @Override
    public void onRecord(byte[] key, byte[] value, BiConsumer<byte[], byte[]> emit) {
      String decodedKey = new String(key, StandardCharsets.UTF_8);
      counts.computeIfAbsent(decodedKey, k -> new long[1])[0]++;
      dirty.add(decodedKey);
    }

    @Override
    public void beforeCommit(BiConsumer<byte[], byte[]> emit) {
      for (String key : dirty) {
        emit.accept(
            key.getBytes(StandardCharsets.UTF_8), longs.serialize(null, counts.get(key)[0]));
      }
      dirty.clear();
    }
  }
}
