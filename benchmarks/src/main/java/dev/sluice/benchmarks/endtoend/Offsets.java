package dev.sluice.benchmarks.endtoend;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End offsets of topics and committed offsets of groups, through one {@link Admin}. */
final class Offsets {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;

  Offsets(Admin admin) {
    this.admin = admin;
  }

  /**
   * The end offset of every partition of a topic.
   *
   * @param topic the topic
   * @param partitions how many partitions it has
   * @return partition → end offset
   */
  Map<TopicPartition, Long> endOffsets(String topic, int partitions) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    get(admin.listOffsets(request).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /**
   * The offsets a group has committed.
   *
   * @param group the group id
   * @return partition → committed offset; partitions without a commit are absent
   */
  Map<TopicPartition, Long> committed(String group) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    Map<TopicPartition, Long> committed = new HashMap<>();
    offsets.forEach(
        (tp, offset) -> {
          if (offset != null) {
            committed.put(tp, offset.offset());
          }
        });
    return committed;
  }

  /**
   * Whether the group has committed every partition up to its end offset.
   *
   * @param group the group id
   * @param ends partition → end offset
   * @return true once every committed offset reaches its end offset
   */
  boolean allCommitted(String group, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> committed = committed(group);
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (committed.getOrDefault(end.getKey(), -1L) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("admin call failed: " + e, e);
    }
  }
}
