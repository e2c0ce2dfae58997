package dev.sluice.streams.internal.runtime;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Input offsets waiting for their output: each entry holds the offsets a commit point covers and
 * the batch of sends made up to that point (output, changelog and cache-flush records). An entry
 * may be committed once its batch and every earlier one is acknowledged, so the stream thread keeps
 * processing while the broker acknowledges, instead of blocking on a producer flush at every
 * commit. Confined to its stream thread.
 */
final class PendingCommits {
  private record Pending(
      KafkaRecordCollector.SendBatch sends, Map<TopicPartition, OffsetAndMetadata> offsets) {}

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();

  /**
   * Adds a commit point.
   *
   * @param sends the batch of sends made up to the point, closed
   * @param offsets the input offsets the point covers
   */
  void add(KafkaRecordCollector.SendBatch sends, Map<TopicPartition, OffsetAndMetadata> offsets) {
    queue.addLast(new Pending(sends, offsets));
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /**
   * Removes the oldest commit points whose sends, and all earlier sends, are acknowledged.
   *
   * @return their offsets, later points overriding earlier ones; empty if none is ready
   */
  Map<TopicPartition, OffsetAndMetadata> takeAcknowledged() {
    Map<TopicPartition, OffsetAndMetadata> ready = new HashMap<>();
    while (!queue.isEmpty() && queue.peekFirst().sends().acknowledged()) {
      ready.putAll(queue.pollFirst().offsets());
    }
    return ready;
  }

  /**
   * Removes every commit point; call it only once the producer has been flushed.
   *
   * @return their offsets, later points overriding earlier ones
   */
  Map<TopicPartition, OffsetAndMetadata> takeAll() {
    Map<TopicPartition, OffsetAndMetadata> all = new HashMap<>();
    while (!queue.isEmpty()) {
      all.putAll(queue.pollFirst().offsets());
    }
    return all;
  }

  /**
   * Drops the offsets of partitions this thread no longer owns, so they are never committed.
   *
   * @param partitions the partitions lost
   */
  void forget(Collection<TopicPartition> partitions) {
    for (Pending pending : queue) {
      pending.offsets().keySet().removeAll(partitions);
    }
  }
}
