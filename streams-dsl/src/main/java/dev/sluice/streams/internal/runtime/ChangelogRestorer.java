package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.internal.engine.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds the stores of newly assigned tasks from their changelogs, a little on every loop of the
 * stream thread, so restoring tasks never hold up running ones.
 *
 * <p>Each changelog partition is read from the offset the store already holds ({@link
 * Task#restoreStartOffset}) up to the end it had when the task was assigned — so a clean restart
 * restores nothing and a crash restores only the tail. A table that uses its source topic as its
 * changelog is restored only up to the group's committed offset of that topic; the rest is
 * processed as input. While a task restores, its input partitions are paused. A separate consumer
 * without a group reads the changelogs. Confined to the stream thread, except the counter.
 *
 * <p>A windowed changelog is {@code compact,delete}: the broker drops its expired records, so its
 * log may start after the offset a store holds (or after 0 for a new store). Restoring then starts
 * at the log start, also when the broker deletes more while a restore is under way: what was
 * deleted has expired from the store too.
 */
final class ChangelogRestorer {
  private final Consumer<byte[], byte[]> restoreConsumer;
  private final Consumer<byte[], byte[]> mainConsumer;
  private final Set<String> sourceTopics;
  private final Map<TopicPartition, Task> taskOf = new HashMap<>();
  private final Map<TopicPartition, Long> endOffsets = new HashMap<>();
  private final Map<Task, Set<TopicPartition>> pendingOf = new HashMap<>();
  private final Map<Task, Collection<TopicPartition>> pausedInputs = new HashMap<>();
  private final AtomicLong restoredRecords = new AtomicLong();

  ChangelogRestorer(
      Consumer<byte[], byte[]> restoreConsumer,
      Consumer<byte[], byte[]> mainConsumer,
      Set<String> sourceTopics) {
    this.restoreConsumer = restoreConsumer;
    this.mainConsumer = mainConsumer;
    this.sourceTopics = sourceTopics;
  }

  /**
   * Starts restoring a newly initialised task, or lets it run at once if it has nothing to restore.
   *
   * @param task the task, in RESTORING state
   * @param inputs its input partitions, paused until it is restored
   */
  void add(Task task, Collection<TopicPartition> inputs) {
    if (task.state() != Task.State.RESTORING) {
      return;
    }
    Set<TopicPartition> changelogs = task.changelogPartitions().keySet();
    Map<TopicPartition, Long> ends = ends(changelogs);
    Map<TopicPartition, Long> logStarts = restoreConsumer.beginningOffsets(changelogs);
    Set<TopicPartition> pending = new HashSet<>();
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (TopicPartition changelog : changelogs) {
      long start =
          Math.max(task.restoreStartOffset(changelog), logStarts.getOrDefault(changelog, 0L));
      long end = ends.getOrDefault(changelog, 0L);
      if (start < end) {
        pending.add(changelog);
        taskOf.put(changelog, task);
        endOffsets.put(changelog, end);
        starts.put(changelog, start);
      }
    }
    if (pending.isEmpty()) {
      task.finishRestore();
      return;
    }
    restoreConsumer.assign(taskOf.keySet());
    starts.forEach(restoreConsumer::seek);
    pendingOf.put(task, pending);
    pausedInputs.put(task, List.copyOf(inputs));
    mainConsumer.pause(inputs);
  }

  /** Applies one poll's worth of changelog records; finishes the tasks that caught up. */
  void restoreSome() {
    if (taskOf.isEmpty()) {
      return;
    }
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = restoreConsumer.poll(Duration.ofMillis(10));
    } catch (OffsetOutOfRangeException e) {
      restoreConsumer.seekToBeginning(e.partitions());
      return;
    }
    for (TopicPartition changelog : records.partitions()) {
      Task task = taskOf.get(changelog);
      long end = endOffsets.get(changelog);
      List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : records.records(changelog)) {
        if (record.offset() < end) {
          batch.add(record);
        }
      }
      if (task != null && !batch.isEmpty()) {
        task.restore(changelog, batch);
        restoredRecords.addAndGet(batch.size());
      }
    }
    for (TopicPartition changelog : List.copyOf(taskOf.keySet())) {
      if (restoreConsumer.position(changelog) >= endOffsets.get(changelog)) {
        done(changelog);
      }
    }
  }

  /**
   * Stops restoring a task that was revoked while restoring.
   *
   * @param task the task
   */
  void remove(Task task) {
    Set<TopicPartition> pending = pendingOf.remove(task);
    pausedInputs.remove(task);
    if (pending != null) {
      pending.forEach(taskOf::remove);
      pending.forEach(endOffsets::remove);
      restoreConsumer.assign(taskOf.keySet());
    }
  }

  boolean isRestoring() {
    return !taskOf.isEmpty();
  }

  /**
   * Changelog records applied since the application started.
   *
   * @return the count
   */
  long restoredRecords() {
    return restoredRecords.get();
  }

  private void done(TopicPartition changelog) {
    Task task = taskOf.remove(changelog);
    endOffsets.remove(changelog);
    restoreConsumer.assign(taskOf.keySet());
    Set<TopicPartition> pending = pendingOf.get(task);
    pending.remove(changelog);
    if (pending.isEmpty()) {
      pendingOf.remove(task);
      task.finishRestore();
      Collection<TopicPartition> inputs = pausedInputs.remove(task);
      mainConsumer.resume(inputs);
    }
  }

  private Map<TopicPartition, Long> ends(Set<TopicPartition> changelogs) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    Set<TopicPartition> logs = new HashSet<>();
    Set<TopicPartition> inputs = new HashSet<>();
    for (TopicPartition changelog : changelogs) {
      (sourceTopics.contains(changelog.topic()) ? inputs : logs).add(changelog);
    }
    if (!logs.isEmpty()) {
      ends.putAll(restoreConsumer.endOffsets(logs));
    }
    if (!inputs.isEmpty()) {
      Map<TopicPartition, OffsetAndMetadata> committed = mainConsumer.committed(inputs);
      inputs.forEach(
          partition -> {
            OffsetAndMetadata offset = committed.get(partition);
            ends.put(partition, offset == null ? 0L : offset.offset());
          });
    }
    return ends;
  }
}
