package dev.sluice.streams.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.KeyValue;
import dev.sluice.state.KeyValueIterator;
import dev.sluice.state.KeyValueStore;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStores;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.DeserializationExceptionHandler;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.SubTopology;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores inside tasks: lifecycle, changelog, restore, checkpoint and store access. */
class TaskStateTest {
  private static final TopicPartition IN = new TopicPartition("in", 0);
  private static final TopicPartition CHANGELOG = new TopicPartition("app-counts-changelog", 0);

  @TempDir Path stateDir;
  private final StateStores stores = StateStores.create(Map.of());
  private final CapturingCollector collector = new CapturingCollector();
  private final List<Task> tasks = new ArrayList<>();

  @AfterEach
  void closeAll() {
    tasks.forEach(Task::close);
    stores.close();
  }

  /** Counts records per key in store "counts" and forwards the count to "out". */
  private static final class Counter implements Processor<String, String, String, Long> {
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.counts = context.getStateStore("counts");
    }

    @Override
    public void process(Record<String, String> record) {
      Long previous = counts.get(record.key());
      long count = previous == null ? 1 : previous + 1;
      counts.put(record.key(), count);
      context.forward(record.withValue(count));
    }
  }

  private static SubTopology counting(Materialized<String, Long> store) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store);
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .process(Counter::new, "counts")
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    return ((CompiledTopology) builder.build()).forApplication("app").subTopologies().get(0);
  }

  private static Materialized<String, Long> countsStore() {
    return Materialized.<String, Long>as("counts")
        .withKeySerde(Serdes.String())
        .withValueSerde(Serdes.Long());
  }

  private Task task(SubTopology sub, Path dir, int partition) {
    return task(sub, dir, partition, stores);
  }

  private Task task(SubTopology sub, Path dir, int partition, StateStores factory) {
    Task task =
        new Task(
            new TaskId(0, partition),
            sub,
            "app",
            DeserializationExceptionHandler.logAndFail(),
            collector,
            () -> 0L,
            factory,
            dir);
    tasks.add(task);
    return task;
  }

  private static ConsumerRecord<byte[], byte[]> input(long offset, String key) {
    return record("in", offset, key, key);
  }

  private static ConsumerRecord<byte[], byte[]> record(
      String topic, long offset, String key, String value) {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    byte[] valueBytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    return new ConsumerRecord<>(
        topic,
        0,
        offset,
        offset * 10,
        TimestampType.CREATE_TIME,
        keyBytes == null ? -1 : keyBytes.length,
        valueBytes == null ? -1 : valueBytes.length,
        keyBytes,
        valueBytes,
        new RecordHeaders(),
        Optional.empty(),
        Optional.empty());
  }

  private static void pipe(Task task, String... keys) {
    long offset = task.committableOffsets().getOrDefault(IN, 0L);
    for (String key : keys) {
      task.addRecord(IN, input(offset++, key));
    }
    while (task.process()) {
      // run to completion
    }
  }

  private static List<KeyValue<String, Long>> contents(Task task) {
    return contents(task, "counts");
  }

  @SuppressWarnings("unchecked")
  private static <V> List<KeyValue<String, V>> contents(Task task, String storeName) {
    KeyValueStore<String, V> store = (KeyValueStore<String, V>) task.store(storeName);
    List<KeyValue<String, V>> all = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }

  @Test
  void aTaskWithALoggedStoreRestoresBeforeItRuns() {
    Task task = task(counting(countsStore()), stateDir, 0);
    assertThat(task.changelogPartitions()).containsExactly(Map.entry(CHANGELOG, "counts"));

    task.initialize();

    assertThat(task.state()).isEqualTo(Task.State.RESTORING);
    assertThat(task.restoreStartOffset(CHANGELOG)).isZero();
    task.addRecord(IN, input(0, "a"));
    assertThat(task.process()).as("no processing while restoring").isFalse();
    task.finishRestore();
    assertThat(task.state()).isEqualTo(Task.State.RUNNING);
    assertThat(task.process()).isTrue();
  }

  @Test
  void aTaskWithoutStoresRunsAtOnceAndFinishRestoreIsANoOp() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).to("out");
    SubTopology sub = ((CompiledTopology) builder.build()).subTopologies().get(0);
    Task task = task(sub, null, 0);

    task.initialize();
    task.finishRestore();

    assertThat(task.changelogPartitions()).isEmpty();
    assertThat(task.state()).isEqualTo(Task.State.RUNNING);
  }

  @Test
  void everyWriteGoesToTheChangelogAtTheTasksPartitionWithTheRecordTimestamp() {
    Task task = task(counting(countsStore().withCachingDisabled()), stateDir, 3);
    task.initialize();
    task.finishRestore();
    TopicPartition in3 = new TopicPartition("in", 3);
    task.addRecord(in3, input(0, "a"));
    task.addRecord(in3, input(1, "a"));
    while (task.process()) {
      // run to completion
    }

    List<ConsumerRecord<byte[], byte[]>> changelog = collector.records("app-counts-changelog");
    assertThat(changelog).extracting(ConsumerRecord::partition).containsExactly(3, 3);
    assertThat(changelog).extracting(ConsumerRecord::timestamp).containsExactly(0L, 10L);
    assertThat(changelog)
        .extracting(r -> Serdes.Long().deserializer().deserialize("t", r.value()))
        .containsExactly(1L, 2L);
  }

  @Test
  void aCachedStoreSendsItsChangelogOnFlushOncePerKey() {
    Task task = task(counting(countsStore()), stateDir, 0);
    task.initialize();
    task.finishRestore();
    pipe(task, "a", "a", "a", "b");
    assertThat(collector.records("app-counts-changelog")).isEmpty();

    task.flush();

    assertThat(collector.records("app-counts-changelog")).hasSize(2);
  }

  @Test
  void aSecondTaskRestoredFromTheChangelogHasTheSameStoreAndContinuesCounting() {
    Task first = task(counting(countsStore().inMemory()), stateDir.resolve("one"), 0);
    first.initialize();
    first.finishRestore();
    pipe(first, "a", "b", "a", "c", "a");
    first.flush();
    List<KeyValue<String, Long>> before = contents(first);
    List<ConsumerRecord<byte[], byte[]>> changelog =
        List.copyOf(collector.records("app-counts-changelog"));

    Task second = task(counting(countsStore().inMemory()), stateDir.resolve("two"), 0);
    second.initialize();
    assertThat(second.restoreStartOffset(CHANGELOG)).isZero();
    second.restore(CHANGELOG, changelog.subList(0, 2));
    second.restore(CHANGELOG, changelog.subList(2, changelog.size()));
    second.finishRestore();

    assertThat(contents(second)).isEqualTo(before).contains(KeyValue.of("a", 3L));
    pipe(second, "a");
    assertThat(contents(second)).contains(KeyValue.of("a", 4L));
  }

  @Test
  void aCheckpointedPersistentStoreRestoresOnlyTheTail() {
    Task first = task(counting(countsStore()), stateDir, 0);
    first.initialize();
    first.finishRestore();
    pipe(first, "a", "b");
    first.flush();
    int sent = collector.records("app-counts-changelog").size();
    first.checkpoint(Map.of(CHANGELOG, (long) sent - 1));
    first.close();

    Task second = task(counting(countsStore()), stateDir, 0);
    second.initialize();

    assertThat(second.restoreStartOffset(CHANGELOG)).isEqualTo(sent);
    second.finishRestore();
    assertThat(contents(second)).containsExactly(KeyValue.of("a", 1L), KeyValue.of("b", 1L));
  }

  @Test
  void aStoreIsCheckpointedEveryFewRecordsAndWhenItsTaskCloses() {
    try (StateStores everyThree =
        StateStores.create(Map.of(StateStores.CHECKPOINT_RECORDS_CONFIG, 3))) {
      Task first = task(counting(countsStore()), stateDir, 0, everyThree);
      first.initialize();
      first.finishRestore();
      StateStore counts = first.store("counts");
      pipe(first, "a", "b");
      commit(first);
      assertThat(counts.appliedOffset()).as("2 records since the last checkpoint").isEmpty();
      pipe(first, "a");
      commit(first);
      assertThat(counts.appliedOffset()).as("3 records: checkpointed").hasValue(2);
      pipe(first, "c");
      commit(first);
      assertThat(counts.appliedOffset()).as("1 record since the last checkpoint").hasValue(2);
      first.suspend();
      assertThat(counts.appliedOffset()).as("suspending checkpoints").hasValue(3);
      first.resume();
      pipe(first, "d");
      commit(first);
      first.close();

      Task second = task(counting(countsStore()), stateDir, 0, everyThree);
      second.initialize();
      assertThat(second.restoreStartOffset(CHANGELOG))
          .as("closing checkpointed the last acknowledged offset: nothing to restore")
          .isEqualTo(collector.records("app-counts-changelog").size());
      second.finishRestore();
      assertThat(contents(second))
          .containsExactly(
              KeyValue.of("a", 2L),
              KeyValue.of("b", 1L),
              KeyValue.of("c", 1L),
              KeyValue.of("d", 1L));
      second.close();
    }
  }

  /** The commit protocol's checkpoint step, with every changelog record acknowledged. */
  private void commit(Task task) {
    task.flush();
    task.checkpoint(Map.of(CHANGELOG, (long) collector.records("app-counts-changelog").size() - 1));
  }

  @Test
  void aStepAskingForAStoreItWasNotGivenFailsNamingTheStepAndItsStores() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(countsStore());
    builder.addStateStore(countsStore().withStoreName("other"));
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .process(
            () ->
                new Processor<String, String, String, String>() {
                  @Override
                  public void init(ProcessorContext<String, String> context) {
                    context.getStateStore("other");
                  }

                  @Override
                  public void process(Record<String, String> record) {}
                },
            "counts");
    builder.stream("other-in", Consumed.with(Serdes.String(), Serdes.String()))
        .process(Counter::new, "other");
    SubTopology sub =
        ((CompiledTopology) builder.build()).forApplication("app").subTopologies().get(0);
    Task task = task(sub, stateDir, 0);
    task.initialize();

    assertThatThrownBy(task::finishRestore)
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("step 'from-in.process' cannot use store 'other'")
        .hasMessageContaining("it may use [counts]");
  }

  @Test
  void aTaskWithStoresNeedsAStoreFactoryAndADirectory() {
    SubTopology sub = counting(countsStore());

    assertThatThrownBy(
            () ->
                new Task(
                    new TaskId(0, 0),
                    sub,
                    "app",
                    DeserializationExceptionHandler.logAndFail(),
                    collector,
                    () -> 0L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "task 0_0 uses stores [counts]: create it with a StateStores and a state directory");
  }

  @Test
  void aTaskRejectsASubTopologyBoundToAnotherApplication() {
    SubTopology sub = counting(countsStore());

    assertThatThrownBy(
            () ->
                new Task(
                    new TaskId(0, 0),
                    sub,
                    "other-app",
                    DeserializationExceptionHandler.logAndFail(),
                    collector,
                    () -> 0L,
                    stores,
                    stateDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bound to application 'app', not 'other-app'");
  }

  @Test
  void aDslCountRestoredFromItsChangelogHasTheSameCountsAndContinues() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count(Materialized.<String, Long>as("counts").withCachingDisabled())
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    SubTopology sub =
        ((CompiledTopology) builder.build()).forApplication("app").subTopologies().get(0);
    Task first = task(sub, stateDir.resolve("one"), 0);
    first.initialize();
    first.finishRestore();
    pipe(first, "a", "b", "a");
    List<ConsumerRecord<byte[], byte[]>> changelog =
        List.copyOf(collector.records("app-counts-changelog"));

    Task second = task(sub, stateDir.resolve("two"), 0);
    second.initialize();
    second.restore(CHANGELOG, changelog);
    second.finishRestore();
    pipe(second, "a");

    assertThat(contents(second)).containsExactly(KeyValue.of("a", 3L), KeyValue.of("b", 1L));
    List<ConsumerRecord<byte[], byte[]>> out = collector.records("out");
    assertThat(Serdes.Long().deserializer().deserialize("out", out.get(out.size() - 1).value()))
        .isEqualTo(3L);
  }

  @Test
  void aTableIsRestoredFromItsSourceTopicSkippingNullKeysAndCheckpointsItsPosition() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        "users",
        Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.<String, String>as("users").withCachingDisabled());
    SubTopology sub =
        ((CompiledTopology) builder.build()).forApplication("app").subTopologies().get(0);
    TopicPartition users = new TopicPartition("users", 0);
    Task first = task(sub, stateDir, 0);
    assertThat(first.changelogPartitions()).containsExactly(Map.entry(users, "users"));

    first.initialize();
    first.restore(
        users,
        List.of(
            record("users", 0, "a", "1"),
            record("users", 1, null, "x"),
            record("users", 2, "a", "2"),
            record("users", 3, "b", "3")));
    first.finishRestore();
    assertThat(TaskStateTest.<String>contents(first, "users"))
        .containsExactly(KeyValue.of("a", "2"), KeyValue.of("b", "3"));
    first.addRecord(users, record("users", 4, "c", "4"));
    while (first.process()) {
      // run to completion
    }
    first.flush();
    first.checkpoint(Map.of());
    first.close();

    Task second = task(sub, stateDir, 0);
    second.initialize();
    assertThat(second.restoreStartOffset(users)).isEqualTo(5);
  }
}
