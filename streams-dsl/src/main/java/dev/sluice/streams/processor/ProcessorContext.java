package dev.sluice.streams.processor;

import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link Processor} can see and do inside its task.
 *
 * @param <KForward> key type of forwarded records
 * @param <VForward> value type of forwarded records
 */
public interface ProcessorContext<KForward, VForward> {

  /**
   * Sends a record to every child of this step.
   *
   * @param record the record
   * @param <K> key type
   * @param <V> value type
   */
  <K extends KForward, V extends VForward> void forward(Record<K, V> record);

  /**
   * Sends a record to one named child of this step.
   *
   * @param record the record
   * @param childName the child's node name
   * @param <K> key type
   * @param <V> value type
   * @throws IllegalArgumentException if this step has no child of that name
   */
  <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);

  /**
   * Where the current record came from; empty inside a punctuation.
   *
   * @return the source topic, partition and offset of the current input record
   */
  Optional<RecordMetadata> recordMetadata();

  /**
   * Schedules a periodic callback.
   *
   * @param interval the period, at least one millisecond
   * @param type which clock drives it
   * @param punctuator the callback
   * @return a handle that cancels the schedule
   */
  Cancellable schedule(Duration interval, PunctuationType type, Punctuator punctuator);

  /**
   * One of the state stores this step was connected to, e.g. a {@code
   * dev.sluice.state.KeyValueStore}. Available from {@link Processor#init} on. Writes are stamped
   * with the current record's timestamp and, for a logged store, go to its changelog.
   *
   * @param name the store name
   * @param <S> the store type
   * @return the task's instance of the store
   * @throws IllegalArgumentException if this step was not connected to a store of that name; the
   *     message lists the stores it may use
   */
  <S> S getStateStore(String name);

  /**
   * The task's stream time: the largest record timestamp processed so far.
   *
   * @return stream time in epoch milliseconds, or {@link Long#MIN_VALUE} before any record
   */
  long currentStreamTimeMs();

  /**
   * The wall-clock time of the task's clock (a fake clock in the test driver).
   *
   * @return wall-clock time in epoch milliseconds
   */
  long currentSystemTimeMs();

  /**
   * The task this processor belongs to, as {@code <subTopologyId>_<partition>}.
   *
   * @return the task id
   */
  String taskId();

  /**
   * The application id from the configuration.
   *
   * @return the application id
   */
  String applicationId();
}
