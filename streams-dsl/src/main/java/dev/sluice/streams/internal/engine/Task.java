package dev.sluice.streams.internal.engine;

import dev.sluice.state.StateStore;
import dev.sluice.state.StateStores;
import dev.sluice.streams.DeserializationExceptionHandler;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.compile.SubTopology;
import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.ops.RecordFunctionProcessor;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.PunctuationType;
import dev.sluice.streams.processor.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * One sub-topology applied to one input partition: the unit of processing, assignment and failure.
 * The test driver and the Kafka runtime both drive tasks through this class and nothing else; they
 * differ only in where records come from ({@link #addRecords}), where they go ({@link
 * RecordCollector}) and which {@link WallClock} they read.
 *
 * <p>Lifecycle: CREATED → (initialize) RESTORING → (finishRestore) RUNNING → SUSPENDED ⇄ RUNNING →
 * CLOSED. {@link #initialize()} opens the task's stores under {@code <state.dir>/<taskId>/}; a task
 * with a logged store (or a table restored from its source topic) then waits in RESTORING for its
 * driver to replay {@link #changelogPartitions()} from {@link #restoreStartOffset} through {@link
 * #restore} and to call {@link #finishRestore()}; a task without one goes straight to RUNNING.
 * Processors are initialised on entering RUNNING, so they see restored stores. Records can be added
 * in any open state but are processed only while RUNNING.
 *
 * <p>Commit protocol (the driver's side): {@link #flush()} (caches → stores → changelog records
 * handed to the collector, cached table updates forwarded downstream), then flush the producer,
 * then {@link #checkpoint} with the acknowledged changelog offsets, then commit {@link
 * #committableOffsets()}.
 *
 * <p>Threading: a task is confined to one thread. Failure: a step's exception surfaces from {@link
 * #process()} as a {@link dev.sluice.streams.StreamsException} naming the task, step and record;
 * the task should then be closed.
 */
public final class Task {

  /** Where a task is in its life. */
  public enum State {
    /** Built, processors not yet initialised. */
    CREATED,
    /** Stores open, waiting for changelog records; processors not yet initialised. */
    RESTORING,
    /** Processing records. */
    RUNNING,
    /** Paused, for example during a rebalance; keeps its processors. */
    SUSPENDED,
    /** Processors closed; the task cannot be used again. */
    CLOSED
  }

  private final TaskScope scope;
  private final SubTopology subTopology;
  private final List<ProcessorNodeRuntime> nodes = new ArrayList<>();
  private final Map<String, SourceRuntime> sourcesByTopic = new HashMap<>();
  private final List<SourceRuntime> sources = new ArrayList<>();
  private final List<SourceNode> sourceNodes = new ArrayList<>();
  private final PartitionQueues queues = new PartitionQueues();
  private final RawInput input = new RawInput();
  private final TaskStores stores;
  private State state = State.CREATED;
  private boolean processorsInitialized;
  private long skippedRecords;

  /**
   * Creates a stateless task and its processors.
   *
   * @param id the task id
   * @param subTopology what it runs; it must use no state store
   * @param applicationId the application id, for the processor context
   * @param handler what to do with undecodable records
   * @param collector where sinks send records
   * @param clock the wall clock
   */
  public Task(
      TaskId id,
      SubTopology subTopology,
      String applicationId,
      DeserializationExceptionHandler handler,
      RecordCollector collector,
      WallClock clock) {
    this(id, subTopology, applicationId, handler, collector, clock, null, null);
  }

  /**
   * Creates a task and its processors. Its stores are opened by {@link #initialize()}.
   *
   * @param id the task id
   * @param subTopology what it runs, from a topology bound to {@code applicationId} (see {@link
   *     dev.sluice.streams.internal.compile.CompiledTopology#forApplication})
   * @param applicationId the application id, for the processor context and changelog topics
   * @param handler what to do with undecodable records
   * @param collector where sinks send records, and logged stores their changelog records
   * @param clock the wall clock
   * @param stateStores the process-wide store factory; may be null if the sub-topology has no
   *     stores
   * @param stateDirectory {@code state.dir}: stores live in {@code <stateDirectory>/<taskId>/}; may
   *     be null if the sub-topology has no stores
   */
  public Task(
      TaskId id,
      SubTopology subTopology,
      String applicationId,
      DeserializationExceptionHandler handler,
      RecordCollector collector,
      WallClock clock,
      StateStores stateStores,
      Path stateDirectory) {
    this(
        id,
        subTopology,
        applicationId,
        handler,
        collector,
        clock,
        stateStores,
        stateDirectory,
        GlobalStateStores.none());
  }

  /**
   * Creates a task whose steps may also read global stores. Its stores are opened by {@link
   * #initialize()}.
   *
   * @param id the task id
   * @param subTopology what it runs, from a topology bound to {@code applicationId}
   * @param applicationId the application id, for the processor context and changelog topics
   * @param handler what to do with undecodable records
   * @param collector where sinks send records, and logged stores their changelog records
   * @param clock the wall clock
   * @param stateStores the process-wide store factory; may be null if the sub-topology has no
   *     stores
   * @param stateDirectory {@code state.dir}; may be null if the sub-topology has no stores
   * @param globals the instance's global stores, open before the task runs; the task reads them and
   *     never closes them
   */
  public Task(
      TaskId id,
      SubTopology subTopology,
      String applicationId,
      DeserializationExceptionHandler handler,
      RecordCollector collector,
      WallClock clock,
      StateStores stateStores,
      Path stateDirectory,
      GlobalStateStores globals) {
    Checks.argument(
        subTopology.applicationId() == null || subTopology.applicationId().equals(applicationId),
        "sub-topology %d is bound to application '%s', not '%s'",
        subTopology.id(),
        subTopology.applicationId(),
        applicationId);
    this.scope = new TaskScope(id, applicationId, clock);
    this.subTopology = subTopology;
    this.stores =
        new TaskStores(
            scope, subTopology.stores(), stateStores, stateDirectory, collector, globals);
    Map<String, ProcessorNodeRuntime> byName = new LinkedHashMap<>();
    for (GraphNode node : subTopology.nodes()) {
      List<String> storeNames =
          node instanceof ProcessorNode processor ? processor.stores() : List.of();
      ProcessorNodeRuntime runtime =
          new ProcessorNodeRuntime(
              node.name(), processorFor(node, collector), scope, storeNames, stores);
      byName.put(node.name(), runtime);
      nodes.add(runtime);
      if (node instanceof SourceNode source) {
        sources.add(new SourceRuntime(source, runtime, handler));
        sourceNodes.add(source);
      }
    }
    for (ProcessorNodeRuntime runtime : nodes) {
      List<ProcessorNodeRuntime> children = new ArrayList<>();
      for (String child : subTopology.children().get(runtime.name())) {
        children.add(byName.get(child));
      }
      runtime.link(children);
    }
  }

  @SuppressWarnings("unchecked")
  private static Processor<Object, Object, Object, Object> processorFor(
      GraphNode node, RecordCollector collector) {
    if (node instanceof SourceNode) {
      return RecordFunctionProcessor.<Object, Object, Object, Object>of(record -> record).get();
    }
    if (node instanceof SinkNode sink) {
      Processor<?, ?, ?, ?> sinkProcessor = new SinkProcessor(sink, collector);
      return (Processor<Object, Object, Object, Object>) sinkProcessor;
    }
    Processor<?, ?, ?, ?> processor = ((ProcessorNode) node).supplier().get();
    Checks.argument(
        processor != null, "step '%s': the ProcessorSupplier returned null", node.name());
    return (Processor<Object, Object, Object, Object>) processor;
  }

  /**
   * Opens the stores; then either waits for restoration (RESTORING, if the task has changelog
   * partitions) or initialises every processor, parents first, and starts running.
   */
  public void initialize() {
    transition(State.CREATED, State.RESTORING);
    stores.open();
    if (!stores.restorable()) {
      finishRestore();
    }
  }

  /**
   * The partitions to restore the stores from, with the store each one rebuilds: {@code
   * <application.id>-<store>-changelog} at this task's partition for logged stores, the source
   * topic's partition for a table that reads its topic as its changelog (restore it only up to the
   * committed offset of that topic).
   *
   * @return changelog partition → store name; empty if the task has nothing to restore
   */
  public Map<TopicPartition, String> changelogPartitions() {
    return stores.changelogPartitions();
  }

  /**
   * Where to start reading a changelog partition: one past the offset the store's data is known to
   * contain, or 0 when the store is new, wiped or in memory. Call it after {@link #initialize()}.
   *
   * @param changelog one of {@link #changelogPartitions()}
   * @return the offset to seek to
   */
  public long restoreStartOffset(TopicPartition changelog) {
    Checks.invariant(state == State.RESTORING, "task %s is %s, not RESTORING", scope.id, state);
    return stores.restoreStartOffset(changelog);
  }

  /**
   * Applies a batch of changelog records to the store the partition backs (in one bulk write that
   * also records the last offset, so an interrupted restore resumes after it).
   *
   * @param changelog one of {@link #changelogPartitions()}
   * @param records the records read from it, in offset order
   */
  public void restore(TopicPartition changelog, List<ConsumerRecord<byte[], byte[]>> records) {
    Checks.invariant(state == State.RESTORING, "task %s is %s, not RESTORING", scope.id, state);
    stores.restore(changelog, records);
  }

  /**
   * Ends restoration: every store starts serving, processors are initialised and the task runs.
   * Call it also when there was nothing to restore; a no-op on a task already running.
   */
  public void finishRestore() {
    if (state == State.RUNNING && processorsInitialized) {
      return;
    }
    transition(State.RESTORING, State.RUNNING);
    stores.finishRestore();
    processorsInitialized = true;
    for (ProcessorNodeRuntime node : nodes) {
      node.init();
    }
  }

  /**
   * Flushes every store, upstream first: cached writes go to the store and, for logged stores, to
   * the changelog through the collector; cached table updates are forwarded downstream (and may
   * reach sinks). A no-op for a task that is not running or suspended.
   */
  public void flush() {
    if (state == State.RUNNING || state == State.SUSPENDED) {
      stores.flush();
    }
  }

  /**
   * Records, in each logged store, the changelog offset its data is applied up to, so that a
   * restart restores only the tail. Call it after {@link #flush()} once the producer has
   * acknowledged the changelog records. Stores restored from their source topic use this task's
   * consumed position instead. A store is checkpointed only once its offset moved {@code
   * state.checkpoint.records} (default 10,000) since its last checkpoint; smaller moves are
   * recorded when the task is suspended or closed.
   *
   * @param ackedChangelogOffsets per changelog partition, the highest acknowledged offset;
   *     partitions without new records may be left out
   */
  public void checkpoint(Map<TopicPartition, Long> ackedChangelogOffsets) {
    Checks.notNull(ackedChangelogOffsets, "ackedChangelogOffsets");
    if (state == State.RUNNING || state == State.SUSPENDED) {
      stores.checkpoint(ackedChangelogOffsets, queues.committableOffsets());
    }
  }

  /**
   * One of this task's stores, for the test driver and interactive reads.
   *
   * @param name the store name
   * @return the store, or null if this task has no store of that name or is not initialised
   */
  public StateStore store(String name) {
    return stores.get(name);
  }

  /**
   * The names of this task's open stores.
   *
   * @return store names, upstream first
   */
  public List<String> storeNames() {
    return stores.names();
  }

  /**
   * Queues raw records of one input partition, decoding them now. Undecodable records go to the
   * deserialization handler: under fail this throws; under continue they are counted.
   *
   * @param partition the partition they were read from
   * @param records the records, in offset order
   */
  public void addRecords(
      TopicPartition partition, Iterable<ConsumerRecord<byte[], byte[]>> records) {
    Checks.invariant(state != State.CLOSED, "task %s is closed", scope.id);
    SourceRuntime source = sourceFor(partition.topic());
    for (ConsumerRecord<byte[], byte[]> raw : records) {
      input.set(raw);
      queue(source, partition);
    }
  }

  /**
   * Queues one raw record, like {@link #addRecords} with a single record.
   *
   * @param partition the partition it was read from
   * @param raw the record
   */
  public void addRecord(TopicPartition partition, ConsumerRecord<byte[], byte[]> raw) {
    Checks.invariant(state != State.CLOSED, "task %s is closed", scope.id);
    input.set(raw);
    queue(sourceFor(partition.topic()), partition);
  }

  /**
   * Adds one raw record and processes every queued record, lowest event time first: the same as
   * {@link #addRecords} with this record followed by {@link #process()} until it returns false,
   * except that a record with nothing queued ahead of it goes straight to its source step without
   * waiting in a queue. The test driver runs each record to completion this way; it passes the
   * record's parts, so it needs no {@link ConsumerRecord} (deserialization handlers and timestamp
   * extractors get a create-time one).
   *
   * @param partition the partition it was read from
   * @param offset its offset
   * @param timestamp its timestamp
   * @param key the serialized key, may be null
   * @param value the serialized value, may be null
   * @param headers its headers
   */
  public void addRecordAndProcess(
      TopicPartition partition,
      long offset,
      long timestamp,
      byte[] key,
      byte[] value,
      Headers headers) {
    Checks.invariant(state != State.CLOSED, "task %s is closed", scope.id);
    SourceRuntime source = sourceFor(partition.topic());
    input.set(partition, offset, timestamp, key, value, headers);
    if (state != State.RUNNING || queues.size() > 0) {
      queue(source, partition);
      while (process()) {
        // the records queued ahead, in event-time order, then this one
      }
      return;
    }
    Record<Object, Object> record = decode(source, partition);
    if (record != null) {
      queues.consumedUnqueued(partition, offset, record.timestamp());
      process(source, partition.topic(), partition.partition(), offset, record);
    }
  }

  // decodes `input` and queues it
  private void queue(SourceRuntime source, TopicPartition partition) {
    Record<Object, Object> record = decode(source, partition);
    if (record != null) {
      queues.add(partition, new StampedRecord(input.consumerRecord(), source, record));
    }
  }

  // decodes `input`; null if skipped
  private Record<Object, Object> decode(SourceRuntime source, TopicPartition partition) {
    Record<Object, Object> record = source.decode(input, queues.partitionTime(partition));
    if (record == null) {
      skippedRecords++;
      queues.skipped(partition, input.offset);
    }
    return record;
  }

  /**
   * Processes the queued record with the lowest event time, then fires the stream-time punctuations
   * that became due.
   *
   * @return false if nothing was queued or the task is not running
   */
  public boolean process() {
    if (state != State.RUNNING) {
      return false;
    }
    StampedRecord queued = queues.poll();
    if (queued == null) {
      return false;
    }
    ConsumerRecord<byte[], byte[]> raw = queued.raw();
    process(queued.source(), raw.topic(), raw.partition(), raw.offset(), queued.record());
    return true;
  }

  private void process(
      SourceRuntime source,
      String topic,
      int partition,
      long offset,
      Record<Object, Object> record) {
    if (record.timestamp() > scope.streamTime) {
      scope.streamTime = record.timestamp();
    }
    scope.current(topic, partition, offset);
    try {
      source.forward(record);
    } finally {
      scope.clearCurrent();
    }
    if (scope.punctuations.hasStreamTimeSchedules()) {
      scope.punctuations.fire(PunctuationType.STREAM_TIME, scope.streamTime);
    }
  }

  /**
   * Fires the wall-clock punctuations that are due by the task's clock.
   *
   * @return whether any fired
   */
  public boolean punctuateWallClock() {
    return state == State.RUNNING
        && scope.punctuations.fire(PunctuationType.WALL_CLOCK_TIME, scope.clock.nowMs());
  }

  /**
   * Pauses processing, keeping processors and queued records; checkpoints the stores' pending
   * changelog offsets (see {@link #checkpoint}).
   */
  public void suspend() {
    transition(State.RUNNING, State.SUSPENDED);
    stores.checkpointPending();
  }

  /** Resumes a suspended task. */
  public void resume() {
    transition(State.SUSPENDED, State.RUNNING);
  }

  /**
   * Closes every processor, then every store (after recording the changelog offsets the last {@link
   * #checkpoint} deferred), even if some fail; idempotent. Cached writes not yet flushed are
   * dropped: {@link #flush()} and {@link #checkpoint} first.
   */
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    RuntimeException first = null;
    if (processorsInitialized) {
      for (ProcessorNodeRuntime node : nodes) {
        try {
          node.close();
        } catch (RuntimeException e) {
          first = first == null ? e : first;
        }
      }
    }
    RuntimeException storeFailure = stores.close();
    first = first == null ? storeFailure : first;
    if (first != null) {
      throw first;
    }
  }

  /**
   * The id.
   *
   * @return the task id
   */
  public TaskId id() {
    return scope.id;
  }

  /**
   * The lifecycle state.
   *
   * @return the state
   */
  public State state() {
    return state;
  }

  /**
   * The largest event time processed.
   *
   * @return stream time, or {@link Long#MIN_VALUE} before any record
   */
  public long streamTime() {
    return scope.streamTime;
  }

  /**
   * Records skipped so far: undecodable under log-and-continue, with a negative timestamp, or
   * dropped by a step (such as a null key reaching an aggregation).
   *
   * @return the count
   */
  public long skippedRecords() {
    return skippedRecords + scope.droppedRecords;
  }

  /**
   * How many decoded records wait to be processed.
   *
   * @return the count
   */
  public int queuedRecords() {
    return queues.size();
  }

  /**
   * The offsets to commit: per partition, one past the last record consumed.
   *
   * @return offsets by partition
   */
  public Map<TopicPartition, Long> committableOffsets() {
    return queues.committableOffsets();
  }

  /**
   * The sub-topology this task runs.
   *
   * @return the sub-topology
   */
  public SubTopology subTopology() {
    return subTopology;
  }

  private SourceRuntime sourceFor(String topic) {
    SourceRuntime source = sourcesByTopic.get(topic);
    if (source == null) {
      for (int i = 0; i < sourceNodes.size(); i++) {
        if (sourceNodes.get(i).reads(topic)) {
          source = sources.get(i);
          sourcesByTopic.put(topic, source);
          break;
        }
      }
    }
    Checks.invariant(source != null, "task %s has no source for topic '%s'", scope.id, topic);
    return source;
  }

  private void transition(State from, State to) {
    Checks.invariant(state == from, "task %s cannot go from %s to %s", scope.id, state, to);
    state = to;
  }
}
