package dev.sluice.streams.internal.engine;

/**
 * Names a task: one sub-topology applied to one input partition.
 *
 * @param subTopology the sub-topology id
 * @param partition the input partition
 */
public record TaskId(int subTopology, int partition) {

  @Override
  public String toString() {
    return subTopology + "_" + partition;
  }
}
