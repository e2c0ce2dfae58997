package dev.sluice.testdriver;

import dev.sluice.state.KeyValueStore;
import dev.sluice.state.SessionStore;
import dev.sluice.state.StateStore;
import dev.sluice.state.WindowStore;
import dev.sluice.streams.SluiceConfig;
import dev.sluice.streams.Topology;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.SubTopology;
import dev.sluice.streams.internal.engine.GlobalStateStores;
import dev.sluice.streams.internal.engine.RecordCollector;
import dev.sluice.streams.internal.engine.Task;
import dev.sluice.streams.internal.engine.TaskId;
import dev.sluice.testdriver.internal.CapturedRecords;
import dev.sluice.testdriver.internal.DriverState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serde;

/**
 * Runs a {@link Topology} offline, with no broker, through the same task code the Kafka runtime
 * runs. Every topic has one partition, so there is one task per sub-topology. Each piped record is
 * processed to completion (including records the topology writes to topics it also reads) before
 * {@code pipe} returns. The wall clock is a fake one that only {@link #advanceWallClock(Duration)}
 * moves.
 *
 * <p>State: each task's stores live under a temporary state directory (or {@code state.dir} if
 * set), created by the driver's own {@link dev.sluice.state.StateStores} and deleted on {@link
 * #close()}; read them with {@link #keyValueStore(String)}. RocksDB's shared memory budget defaults
 * to 16 MiB here ({@code state.memory.bytes}; the runtime's default is 256 MiB), plenty for
 * test-sized state; set the runtime's figure when measuring speed through the driver, or each
 * store's memtable stays at a few MiB and reads of large state go to SST files. Changelog records
 * go to output topics named {@code <application.id>-<store>-changelog}, like any topic a sink
 * writes. Commits (flush every task's stores, then checkpoint the changelog offsets) follow one
 * rule: record caches are off by default ({@code state.cache.bytes} = 0), and then the driver
 * commits after every pipe, so every table update is visible at once; with {@code
 * state.cache.bytes} above 0 it commits when {@link #advanceWallClock} has moved the clock by
 * {@code commit.interval.ms} (default 30 s) since the last commit, so updates to one key between
 * commits are emitted once. It also commits on {@link #close()}.
 *
 * <p>Global tables: a record piped into (or written by a sink to) a global table's topic updates
 * the global store at once, before {@code pipe} returns, and every task reads it; {@link
 * #keyValueStore(String)} reads it too (read-only). The store lives under {@code
 * <state.dir>/global} with its checkpoint.
 *
 * <p>Not thread-safe; close it at the end of each test.
 */
public final class TopologyTestDriver implements AutoCloseable {
  private static final int PARTITION = 0;
  private static final Headers NO_HEADERS = emptyReadOnlyHeaders();

  private final CompiledTopology topology;
  private final SluiceConfig config;
  private final long startTime;
  private long wallClock;
  private final Map<Integer, Task> tasks = new LinkedHashMap<>();
  private final Map<String, InputPartition> inputs = new HashMap<>();
  private final Map<String, OutputTopic> outputs = new HashMap<>();
  // changelog offsets already used by stores reopened from state.dir: a topic continues after them
  private final Map<String, Long> firstOffsets = new HashMap<>();
  private final ArrayDeque<PendingRecord> pending = new ArrayDeque<>();
  private final RecordCollector collector = new Collector();
  private final DriverState state;
  private final GlobalStateStores globals;
  private final long commitIntervalMs;
  private final boolean stateful;
  private long lastCommit;
  private boolean failed;
  private boolean closed;

  /**
   * A driver with application id {@code test} and wall clock at the epoch.
   *
   * @param topology the topology
   */
  public TopologyTestDriver(Topology topology) {
    this(topology, Map.of(SluiceConfig.APPLICATION_ID, "test"));
  }

  /**
   * A driver with a configuration and wall clock at the epoch.
   *
   * @param topology the topology
   * @param config settings; {@code application.id} defaults to {@code test}
   */
  public TopologyTestDriver(Topology topology, Map<String, ?> config) {
    this(topology, config, Instant.EPOCH);
  }

  /**
   * A driver with a configuration and a start time for its wall clock.
   *
   * @param topology the topology
   * @param config settings; {@code application.id} defaults to {@code test}
   * @param wallClockStart the initial wall-clock time, also the input topics' start time
   */
  public TopologyTestDriver(Topology topology, Map<String, ?> config, Instant wallClockStart) {
    Objects.requireNonNull(topology, "topology must not be null");
    Objects.requireNonNull(config, "config must not be null");
    Objects.requireNonNull(wallClockStart, "wallClockStart must not be null");
    if (!(topology instanceof CompiledTopology compiled)) {
      throw new IllegalArgumentException("topology must come from StreamsBuilder.build()");
    }
    Map<String, Object> settings = new HashMap<>(config);
    settings.putIfAbsent(SluiceConfig.APPLICATION_ID, "test");
    this.config = SluiceConfig.of(settings);
    this.topology = compiled.forApplication(this.config.applicationId());
    this.commitIntervalMs = this.config.commitIntervalMs();
    this.stateful = !this.topology.stores().isEmpty() || !this.topology.globalStores().isEmpty();
    this.state = new DriverState(settings);
    this.globals =
        new GlobalStateStores(
            this.topology.globalStores(),
            state.stores(),
            state.directory().resolve("global"),
            this.config.deserializationExceptionHandler());
    globals.open();
    this.startTime = wallClockStart.toEpochMilli();
    this.wallClock = startTime;
    this.lastCommit = startTime;
    // Start every task now, as the runtime does on assignment: processors are initialised and
    // wall-clock punctuations fire on advanceWallClock even before the first record is piped.
    for (SubTopology sub : this.topology.subTopologies()) {
      taskFor(sub);
    }
  }

  /**
   * An input topic whose pipes without timestamp start at the driver's start time and do not
   * advance.
   *
   * @param topic the topic, which the topology must read
   * @param keySerde serializes keys
   * @param valueSerde serializes values
   * @param <K> key type
   * @param <V> value type
   * @return the input topic
   */
  public <K, V> TestInputTopic<K, V> inputTopic(
      String topic, Serde<K> keySerde, Serde<V> valueSerde) {
    return inputTopic(topic, keySerde, valueSerde, Instant.ofEpochMilli(startTime), Duration.ZERO);
  }

  /**
   * An input topic whose pipes without timestamp start at a time and advance by a step.
   *
   * @param topic the topic, which the topology must read
   * @param keySerde serializes keys
   * @param valueSerde serializes values
   * @param start the first timestamp
   * @param autoAdvance added after each record piped without timestamp
   * @param <K> key type
   * @param <V> value type
   * @return the input topic
   */
  public <K, V> TestInputTopic<K, V> inputTopic(
      String topic, Serde<K> keySerde, Serde<V> valueSerde, Instant start, Duration autoAdvance) {
    Objects.requireNonNull(topic, "topic must not be null");
    Objects.requireNonNull(keySerde, "keySerde must not be null");
    Objects.requireNonNull(valueSerde, "valueSerde must not be null");
    Objects.requireNonNull(start, "start must not be null");
    Objects.requireNonNull(autoAdvance, "autoAdvance must not be null");
    if (topology.subTopologyReading(topic) == null && !globals.topics().contains(topic)) {
      throw new IllegalArgumentException(
          String.format(
              "topic '%s' is not read by the topology; it reads %s%s%s",
              topic, topology.sourceTopics(), patternNote(), globalNote()));
    }
    return new TestInputTopic<>(
        this,
        input(topic),
        topic,
        keySerde.serializer(),
        valueSerde.serializer(),
        start.toEpochMilli(),
        autoAdvance.toMillis());
  }

  /**
   * An output topic to read what the topology wrote.
   *
   * @param topic the topic
   * @param keySerde deserializes keys
   * @param valueSerde deserializes values
   * @param <K> key type
   * @param <V> value type
   * @return the output topic
   */
  public <K, V> TestOutputTopic<K, V> outputTopic(
      String topic, Serde<K> keySerde, Serde<V> valueSerde) {
    Objects.requireNonNull(topic, "topic must not be null");
    Objects.requireNonNull(keySerde, "keySerde must not be null");
    Objects.requireNonNull(valueSerde, "valueSerde must not be null");
    return new TestOutputTopic<>(
        topic, output(topic).records(), keySerde.deserializer(), valueSerde.deserializer());
  }

  /**
   * Moves the fake wall clock forward and fires the wall-clock punctuations that became due.
   *
   * @param advance how far
   */
  public void advanceWallClock(Duration advance) {
    Objects.requireNonNull(advance, "advance must not be null");
    checkOpen();
    wallClock += advance.toMillis();
    run(
        () -> {
          for (Task task : tasks.values()) {
            task.punctuateWallClock();
          }
          drain();
          if (state.caching() && wallClock - lastCommit >= commitIntervalMs) {
            commit();
          }
        });
  }

  /**
   * A key-value store of the topology, as the task that owns it sees it: reads see cached writes.
   * Writing to it from a test is allowed and is logged like any write. A global table's store is
   * returned as tasks see it: read-only.
   *
   * @param name the store name ({@code Materialized.as(name)}, or the name derived from the step)
   * @param <K> key type
   * @param <V> value type
   * @return the store
   * @throws IllegalArgumentException if there is no key-value store of that name
   */
  public <K, V> KeyValueStore<K, V> keyValueStore(String name) {
    return store(name, KeyValueStore.class, "key-value");
  }

  /**
   * A window store of the topology ({@code windowedBy(TimeWindows)} aggregations), as the task that
   * owns it sees it.
   *
   * @param name the store name ({@code Materialized.as(name)}, or the name derived from the step)
   * @param <K> key type
   * @param <V> value type
   * @return the store
   * @throws IllegalArgumentException if there is no window store of that name
   */
  public <K, V> WindowStore<K, V> windowStore(String name) {
    return store(name, WindowStore.class, "window");
  }

  /**
   * A session store of the topology ({@code windowedBy(SessionWindows)} aggregations), as the task
   * that owns it sees it.
   *
   * @param name the store name ({@code Materialized.as(name)}, or the name derived from the step)
   * @param <K> key type
   * @param <V> aggregate type
   * @return the store
   * @throws IllegalArgumentException if there is no session store of that name
   */
  public <K, V> SessionStore<K, V> sessionStore(String name) {
    return store(name, SessionStore.class, "session");
  }

  @SuppressWarnings("unchecked")
  private <S extends StateStore> S store(String name, Class<?> type, String kind) {
    Objects.requireNonNull(name, "name must not be null");
    checkOpen();
    List<String> names = new ArrayList<>(globals.names());
    StateStore global = globals.view(name);
    if (global != null) {
      if (type.isInstance(global)) {
        return (S) global;
      }
      throw new IllegalArgumentException(
          String.format("store '%s' is a global key-value store, not a %s store", name, kind));
    }
    for (Task task : tasks.values()) {
      StateStore store = task.store(name);
      if (type.isInstance(store)) {
        return (S) store;
      }
      if (store != null) {
        throw new IllegalArgumentException(
            String.format(
                "store '%s' is a %s, not a %s store", name, store.getClass().getName(), kind));
      }
      names.addAll(task.storeNames());
    }
    throw new IllegalArgumentException(
        String.format("the topology has no store named '%s'; its stores are %s", name, names));
  }

  /**
   * The fake wall clock.
   *
   * @return epoch milliseconds
   */
  public long wallClockMs() {
    return wallClock;
  }

  /**
   * Records skipped so far by every task and global store: undecodable under log-and-continue, with
   * a negative timestamp, or dropped by a step; for global tables, records with a null key.
   *
   * @return the count
   */
  public long skippedRecords() {
    return tasks.values().stream().mapToLong(Task::skippedRecords).sum() + globals.skippedRecords();
  }

  /**
   * Commits (unless a pipe failed), closes every task, then the stores' factory, and deletes the
   * temporary state directory; idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    RuntimeException failure = null;
    try {
      if (stateful && !failed) {
        commit();
        // only a driver reopened on the same state.dir needs the global position
        globals.checkpoint();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    closed = true;
    for (Task task : tasks.values()) {
      try {
        task.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    try {
      globals.close();
    } catch (RuntimeException e) {
      failure = failure == null ? e : failure;
    }
    state.close();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Flushes every task's stores (upstream sub-topologies first, processing what the flushed updates
   * send through topics the topology reads), then checkpoints each task's changelog offsets, as the
   * runtime does after the producer acknowledged them.
   */
  private void commit() {
    for (Task task : tasks.values()) {
      task.flush();
      drain();
    }
    for (Task task : tasks.values()) {
      Map<TopicPartition, Long> acked = new HashMap<>();
      for (TopicPartition changelog : task.changelogPartitions().keySet()) {
        OutputTopic output = outputs.get(changelog.topic());
        if (output != null && output.nextOffset > 0) {
          acked.put(changelog, output.nextOffset - 1);
        }
      }
      task.checkpoint(acked);
    }
    lastCommit = wallClock;
  }

  private void run(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /**
   * Processes one serialized record and everything it causes.
   *
   * @param input the input topic's partition
   * @param key the serialized key
   * @param value the serialized value
   * @param timestamp the record timestamp
   * @param headers headers the driver may keep: the caller must not change them afterwards
   */
  void pipeRaw(InputPartition input, byte[] key, byte[] value, long timestamp, Headers headers) {
    checkOpen();
    long offset = input.nextOffset++;
    try {
      if (pending.isEmpty() && input.task != null) {
        input.task.addRecordAndProcess(input.partition, offset, timestamp, key, value, headers);
      } else {
        // records left by a failed pipe go first; global tables' records go to their stores
        pending.addLast(new PendingRecord(input, offset, timestamp, key, value, headers));
      }
      drain();
      if (stateful && !state.caching()) {
        commit();
      }
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  private void drain() {
    PendingRecord next;
    while ((next = pending.pollFirst()) != null) {
      // each record runs to completion; records written to topics the topology reads are
      // queued in `pending` by the collector and processed by this loop
      InputPartition input = next.input;
      if (input.task == null) {
        globals.apply(input.partition, List.of(next.consumerRecord()));
      } else {
        input.task.addRecordAndProcess(
            input.partition, next.offset, next.timestamp, next.key, next.value, next.headers);
      }
    }
  }

  /** A record written to a topic the topology reads, waiting to be processed. */
  private record PendingRecord(
      InputPartition input,
      long offset,
      long timestamp,
      byte[] key,
      byte[] value,
      Headers headers) {

    ConsumerRecord<byte[], byte[]> consumerRecord() {
      return new ConsumerRecord<>(
          input.partition.topic(),
          PARTITION,
          offset,
          timestamp,
          TimestampType.CREATE_TIME,
          key == null ? -1 : key.length,
          value == null ? -1 : value.length,
          key,
          value,
          headers,
          Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * A topic the topology reads: its one partition, next offset and the task reading it (null for a
   * global table's topic).
   */
  static final class InputPartition {
    final TopicPartition partition;
    final Task task;
    long nextOffset;

    InputPartition(TopicPartition partition, Task task) {
      this.partition = partition;
      this.task = task;
    }
  }

  private InputPartition input(String topic) {
    InputPartition input = inputs.get(topic);
    if (input == null) {
      TopicPartition partition = new TopicPartition(topic, PARTITION);
      if (globals.topics().contains(topic)) {
        input = new InputPartition(partition, null);
        Long position = globals.position(partition);
        input.nextOffset = position == null ? 0 : position;
      } else {
        input = new InputPartition(partition, taskFor(topology.subTopologyReading(topic)));
        input.nextOffset = firstOffsets.getOrDefault(topic, 0L);
      }
      inputs.put(topic, input);
    }
    return input;
  }

  private Task taskFor(SubTopology sub) {
    return tasks.computeIfAbsent(
        sub.id(),
        id -> {
          Task task =
              new Task(
                  new TaskId(id, PARTITION),
                  sub,
                  config.applicationId(),
                  config.deserializationExceptionHandler(),
                  collector,
                  () -> wallClock,
                  state.stores(),
                  state.directory(),
                  globals);
          task.initialize();
          // nothing to restore offline: a fresh directory, or state.dir with its checkpoints, so
          // that changelog (and table source) offsets go on from where the checkpoints are
          for (TopicPartition changelog : task.changelogPartitions().keySet()) {
            firstOffsets.merge(changelog.topic(), task.restoreStartOffset(changelog), Math::max);
          }
          task.finishRestore();
          return task;
        });
  }

  /**
   * What sinks wrote to one topic and not yet read, whether the topology reads that topic back, and
   * the next offset (the count of all records written), which checkpoints use.
   */
  private static final class OutputTopic {
    final CapturedRecords records = new CapturedRecords();
    final boolean readByTopology;
    long nextOffset;

    OutputTopic(boolean readByTopology) {
      this.readByTopology = readByTopology;
    }

    CapturedRecords records() {
      return records;
    }
  }

  private OutputTopic output(String topic) {
    OutputTopic output = outputs.get(topic);
    if (output == null) {
      output =
          new OutputTopic(
              topology.subTopologyReading(topic) != null || globals.topics().contains(topic));
      output.nextOffset = firstOffsets.getOrDefault(topic, 0L);
      outputs.put(topic, output);
    }
    return output;
  }

  private String patternNote() {
    return topology.subTopologies().stream()
        .flatMap(sub -> sub.sources().stream())
        .filter(source -> source.pattern() != null)
        .map(source -> " and topics matching " + source.topicsText())
        .reduce("", String::concat);
  }

  private String globalNote() {
    return globals.topics().isEmpty() ? "" : " and global tables' topics " + globals.topics();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the test driver is closed");
    }
  }

  private static Headers emptyReadOnlyHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.setReadOnly();
    return headers;
  }

  private final class Collector implements RecordCollector {
    @Override
    public void send(
        String topic,
        Integer partition,
        long timestamp,
        byte[] key,
        byte[] value,
        Headers headers) {
      int chosen = partition != null ? partition : PARTITION;
      Header[] headerArray = headers.toArray();
      Headers copy = headerArray.length == 0 ? NO_HEADERS : new RecordHeaders(headerArray);
      OutputTopic output = output(topic);
      output.records().add(chosen, timestamp, key, value, copy);
      output.nextOffset++;
      if (output.readByTopology) {
        InputPartition input = input(topic);
        pending.addLast(
            new PendingRecord(
                input, input.nextOffset++, timestamp, key, value, new RecordHeaders(headerArray)));
      }
    }

    @Override
    public int partitionCount(String topic) {
      return 1;
    }
  }
}
