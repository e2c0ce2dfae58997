package dev.sluice.streams.internal.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The decoded records a task has received but not processed, one FIFO queue per input partition.
 * {@link #poll()} takes the head with the lowest event time across partitions (ties go to the
 * partition added first), so a task reading several partitions processes them in time order as far
 * as the data at hand allows.
 *
 * <p>It also tracks, per partition, the offset up to which everything has been consumed (processed
 * or skipped), which is what the runtime commits.
 */
final class PartitionQueues {

  private static final class Queue {
    final TopicPartition partition;
    final ArrayDeque<StampedRecord> records = new ArrayDeque<>();
    // offsets skipped while records were queued ahead of them, in offset order
    final ArrayDeque<Long> skippedBehind = new ArrayDeque<>();
    long partitionTime = -1;
    long consumedOffset = -1;

    Queue(TopicPartition partition) {
      this.partition = partition;
    }
  }

  private final Map<TopicPartition, Queue> byPartition = new HashMap<>();
  private Queue[] queues = new Queue[0];
  private int size;
  // Records usually arrive in runs from one partition: remember the last queue used.
  private Queue lastQueue;

  private Queue queue(TopicPartition partition) {
    Queue last = lastQueue;
    if (last != null && last.partition == partition) {
      return last;
    }
    Queue queue = byPartition.get(partition);
    if (queue == null) {
      queue = new Queue(partition);
      byPartition.put(partition, queue);
      Queue[] grown = java.util.Arrays.copyOf(queues, queues.length + 1);
      grown[queues.length] = queue;
      queues = grown;
    }
    lastQueue = queue;
    return queue;
  }

  /**
   * The largest timestamp queued so far on a partition, for timestamp extractors.
   *
   * @param partition the partition
   * @return the partition time, or -1
   */
  long partitionTime(TopicPartition partition) {
    return queue(partition).partitionTime;
  }

  void add(TopicPartition partition, StampedRecord record) {
    Queue queue = queue(partition);
    queue.records.addLast(record);
    queue.partitionTime = Math.max(queue.partitionTime, record.timestamp());
    size++;
  }

  /**
   * Notes a record processed without being queued, because nothing was queued ahead of it on any
   * partition: it is consumed at once.
   *
   * @param partition the partition
   * @param offset the record's offset
   * @param timestamp its event time
   */
  void consumedUnqueued(TopicPartition partition, long offset, long timestamp) {
    Queue queue = queue(partition);
    queue.partitionTime = Math.max(queue.partitionTime, timestamp);
    queue.consumedOffset = offset;
  }

  /**
   * Notes a record that was skipped before queueing, so its offset still counts as consumed once
   * nothing before it waits.
   *
   * @param partition the partition
   * @param offset the skipped record's offset
   */
  void skipped(TopicPartition partition, long offset) {
    Queue queue = queue(partition);
    if (queue.records.isEmpty()) {
      queue.consumedOffset = Math.max(queue.consumedOffset, offset);
    } else {
      queue.skippedBehind.addLast(offset);
    }
  }

  StampedRecord poll() {
    if (size == 0) {
      return null;
    }
    Queue best = null;
    long bestTime = Long.MAX_VALUE;
    for (Queue queue : queues) {
      StampedRecord head = queue.records.peekFirst();
      if (head != null && (best == null || head.timestamp() < bestTime)) {
        best = queue;
        bestTime = head.timestamp();
      }
    }
    StampedRecord record = best.records.pollFirst();
    best.consumedOffset = record.raw().offset();
    StampedRecord next = best.records.peekFirst();
    while (!best.skippedBehind.isEmpty()
        && (next == null || best.skippedBehind.peekFirst() < next.raw().offset())) {
      best.consumedOffset = Math.max(best.consumedOffset, best.skippedBehind.pollFirst());
    }
    size--;
    return record;
  }

  int size() {
    return size;
  }

  /**
   * The next offset to commit per partition: one past the last consumed record.
   *
   * @return offsets by partition, only for partitions that consumed something
   */
  Map<TopicPartition, Long> committableOffsets() {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Queue queue : queues) {
      if (queue.consumedOffset >= 0) {
        offsets.put(queue.partition, queue.consumedOffset + 1);
      }
    }
    return offsets;
  }
}
