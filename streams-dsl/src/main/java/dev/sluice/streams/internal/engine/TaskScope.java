package dev.sluice.streams.internal.engine;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.processor.RecordMetadata;
import java.util.Optional;

/**
 * What every step of one task shares: the task id, the clocks, the record being processed and the
 * punctuation schedules. Owned by one {@link Task} and used from its thread only.
 */
final class TaskScope {
  final TaskId id;
  final String applicationId;
  final WallClock clock;
  final Punctuations punctuations = new Punctuations();
  long streamTime = Long.MIN_VALUE;
  // the timestamp of the record (or punctuation) being handled; stores stamp their writes with it
  long recordTime;
  long droppedRecords;
  // the source record being processed: topic null in punctuations and between records
  private String currentTopic;
  private int currentPartition;
  private long currentOffset;

  TaskScope(TaskId id, String applicationId, WallClock clock) {
    this.id = id;
    this.applicationId = applicationId;
    this.clock = clock;
  }

  void current(String topic, int partition, long offset) {
    currentTopic = topic;
    currentPartition = partition;
    currentOffset = offset;
  }

  void clearCurrent() {
    currentTopic = null;
  }

  Optional<RecordMetadata> metadata() {
    return currentTopic == null
        ? Optional.empty()
        : Optional.of(new RecordMetadata(currentTopic, currentPartition, currentOffset));
  }

  /**
   * Wraps a step's failure with the task, the step and the record being processed.
   *
   * @param step the failing step
   * @param error its exception
   * @return the exception to throw
   */
  StreamsException failure(String step, RuntimeException error) {
    String where =
        currentTopic == null
            ? "in a punctuation"
            : String.format(
                "on the record at %s-%d offset %d", currentTopic, currentPartition, currentOffset);
    return failure(step, where, error);
  }

  /**
   * Wraps a step's failure outside record processing, such as in init() or close().
   *
   * @param step the failing step
   * @param where when it failed, e.g. {@code in init()}
   * @param error its exception
   * @return the exception to throw
   */
  StreamsException failure(String step, String where, RuntimeException error) {
    return new StreamsException(
        String.format("task %s: step '%s' failed %s: %s", id, step, where, error), error);
  }
}
