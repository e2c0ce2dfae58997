package dev.sluice.streams.internal.graph;

import java.util.List;

/**
 * A step whose input steps must see the same keys in the same partition numbers: the sides of a
 * join. The compiler resolves the inputs to the topics they read, so the runtime can check those
 * topics' partition counts (and size internal ones) before processing starts, and name the step
 * when they disagree.
 *
 * @param step the joining step, as the user knows it
 * @param operation the DSL verb, for messages ({@code join}, {@code leftJoin} ...)
 * @param inputs the steps whose records (or rows) meet in the step
 */
public record CoPartitionGroup(String step, String operation, List<String> inputs) {

  /** Copies the inputs. */
  public CoPartitionGroup {
    inputs = List.copyOf(inputs);
  }
}
