package dev.sluice.streams.internal.engine;

import java.util.Comparator;

/**
 * Names a task: one sub-topology applied to one input partition.
 *
 * @param subTopology the sub-topology id
 * @param partition the input partition
 */
public record TaskId(int subTopology, int partition) implements Comparable<TaskId> {
  private static final Comparator<TaskId> ORDER =
      Comparator.comparingInt(TaskId::subTopology).thenComparingInt(TaskId::partition);

  /** Orders by sub-topology, then partition, as assignments and listings show them. */
  @Override
  public int compareTo(TaskId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return subTopology + "_" + partition;
  }
}
