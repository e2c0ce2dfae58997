package dev.sluice.streams.internal.engine;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One sub-topology applied to one input partition: the unit of processing, assignment and failure.
 * The test driver and the Kafka runtime both drive tasks through this class and nothing else; they
 * differ only in where records come from ({@link #addRecords}), where they go ({@link
 * RecordCollector}) and which {@link WallClock} they read.
 *
 * <p>Lifecycle: CREATED → (initialize) RUNNING → SUSPENDED ⇄ RUNNING → CLOSED. Records can be added
 * in any open state but are processed only while RUNNING.
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
  private State state = State.CREATED;
  private long skippedRecords;

  /**
   * Creates a task and its processors.
   *
   * @param id the task id
   * @param subTopology what it runs
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
    this.scope = new TaskScope(id, applicationId, clock);
    this.subTopology = subTopology;
    Map<String, ProcessorNodeRuntime> byName = new LinkedHashMap<>();
    for (GraphNode node : subTopology.nodes()) {
      ProcessorNodeRuntime runtime =
          new ProcessorNodeRuntime(node.name(), processorFor(node, collector), scope);
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

  /** Initialises every processor, parents first, and starts running. */
  public void initialize() {
    transition(State.CREATED, State.RUNNING);
    for (ProcessorNodeRuntime node : nodes) {
      node.init();
    }
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
      queue(source, partition, raw);
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
    queue(sourceFor(partition.topic()), partition, raw);
  }

  private void queue(
      SourceRuntime source, TopicPartition partition, ConsumerRecord<byte[], byte[]> raw) {
    StampedRecord record = source.decode(raw, queues.partitionTime(partition));
    if (record == null) {
      skippedRecords++;
      queues.skipped(partition, raw.offset());
    } else {
      queues.add(partition, record);
    }
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
    StampedRecord record = queues.poll();
    if (record == null) {
      return false;
    }
    if (record.timestamp() > scope.streamTime) {
      scope.streamTime = record.timestamp();
    }
    scope.current(record.raw());
    try {
      record.source().forward(record);
    } finally {
      scope.current(null);
    }
    if (scope.punctuations.hasStreamTimeSchedules()) {
      scope.punctuations.fire(PunctuationType.STREAM_TIME, scope.streamTime);
    }
    return true;
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

  /** Pauses processing, keeping processors and queued records. */
  public void suspend() {
    transition(State.RUNNING, State.SUSPENDED);
  }

  /** Resumes a suspended task. */
  public void resume() {
    transition(State.SUSPENDED, State.RUNNING);
  }

  /** Closes every processor; idempotent. */
  public void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean initialized = state != State.CREATED;
    state = State.CLOSED;
    if (initialized) {
      RuntimeException first = null;
      for (ProcessorNodeRuntime node : nodes) {
        try {
          node.close();
        } catch (RuntimeException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
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
   * Records skipped so far: undecodable under log-and-continue, or with a negative timestamp.
   *
   * @return the count
   */
  public long skippedRecords() {
    return skippedRecords;
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
