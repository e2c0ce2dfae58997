package dev.sluice.streams.internal.compile;

import dev.sluice.streams.internal.graph.CoPartitionGroup;
import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.SourceNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics a step reads through its inputs that must have the same partition count: a join's
 * sides, traced back to their source and repartition topics. Partition counts are a fact of the
 * cluster, not of the topology, so the runtime checks them before processing starts: it sizes the
 * internal repartition topics of a group to the group's largest count, and refuses to start when
 * two topics with fixed counts (the user's, or a {@code Repartitioned} count) differ.
 *
 * @param step the step that needs them co-partitioned
 * @param operation its DSL verb
 * @param topics the topics, sorted (unprefixed in an unbound topology, like internal topics)
 */
public record CoPartitionedTopics(String step, String operation, List<String> topics) {

  /** Copies the topics. */
  public CoPartitionedTopics {
    topics = List.copyOf(topics);
  }

  /**
   * Traces each group's inputs back through their parents to the topics they read. Topics matched
   * by a pattern are unknown before the start, so they take no part; a group that ends up with
   * fewer than two topics has nothing to check and is left out.
   *
   * @param nodes the nodes, every parent among them
   * @param groups the groups the DSL recorded
   * @return the resolved groups, in order
   */
  static List<CoPartitionedTopics> resolve(List<GraphNode> nodes, List<CoPartitionGroup> groups) {
    Map<String, GraphNode> byName = new HashMap<>();
    nodes.forEach(node -> byName.put(node.name(), node));
    List<CoPartitionedTopics> resolved = new ArrayList<>();
    for (CoPartitionGroup group : groups) {
      Set<String> topics = new TreeSet<>();
      Set<String> seen = new HashSet<>();
      group.inputs().forEach(input -> collect(input, byName, seen, topics));
      if (topics.size() > 1) {
        resolved.add(new CoPartitionedTopics(group.step(), group.operation(), List.copyOf(topics)));
      }
    }
    return resolved;
  }

  private static void collect(
      String name, Map<String, GraphNode> byName, Set<String> seen, Set<String> topics) {
    GraphNode node = byName.get(name);
    if (node == null || !seen.add(name)) {
      return;
    }
    if (node instanceof SourceNode source) {
      topics.addAll(source.topics());
    }
    node.parents().forEach(parent -> collect(parent, byName, seen, topics));
  }

  /**
   * A copy with renamed topics.
   *
   * @param renamed old name to new name; names not in it stay
   * @return the copy
   */
  CoPartitionedTopics renamed(Map<String, String> renamed) {
    return new CoPartitionedTopics(
        step, operation, topics.stream().map(t -> renamed.getOrDefault(t, t)).sorted().toList());
  }
}
