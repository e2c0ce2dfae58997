package dev.sluice.streams.internal.compile;

import dev.sluice.streams.TopologyException;
import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * Compiles a builder's logical graph into a {@link CompiledTopology} in explicit stages, each a
 * pure function: resolve default serdes, validate (collecting every problem), then split into
 * sub-topologies (connected components).
 *
 * <p>Stateless chains need no separate fusion pass: a step forwards by calling its children
 * directly, so a record crosses a whole chain in one call stack, with no queue between steps and
 * serialization only at sources and sinks.
 */
public final class TopologyCompiler {

  private TopologyCompiler() {}

  /**
   * Compiles the nodes.
   *
   * @param nodes the logical graph in definition order
   * @param defaultKeySerde the builder's default key serde, or null
   * @param defaultValueSerde the builder's default value serde, or null
   * @return the topology
   * @throws TopologyException listing every problem found
   */
  public static CompiledTopology compile(
      List<GraphNode> nodes, Serde<?> defaultKeySerde, Serde<?> defaultValueSerde) {
    List<GraphNode> resolved = resolveSerdes(nodes, defaultKeySerde, defaultValueSerde);
    List<String> problems = TopologyValidator.problems(resolved);
    if (!problems.isEmpty()) {
      throw new TopologyException(problems);
    }
    return new CompiledTopology(split(resolved));
  }

  /**
   * Fills the serdes sources and sinks left open with the builder defaults.
   *
   * @param nodes the nodes
   * @param defaultKey the default key serde, or null
   * @param defaultValue the default value serde, or null
   * @return the nodes with defaults applied
   */
  static List<GraphNode> resolveSerdes(
      List<GraphNode> nodes, Serde<?> defaultKey, Serde<?> defaultValue) {
    List<GraphNode> resolved = new ArrayList<>(nodes.size());
    for (GraphNode node : nodes) {
      if (node instanceof SourceNode s) {
        resolved.add(
            new SourceNode(
                s.name(),
                s.topics(),
                s.pattern(),
                orDefault(s.keySerde(), defaultKey),
                orDefault(s.valueSerde(), defaultValue),
                s.timestampExtractor()));
      } else if (node instanceof SinkNode s) {
        resolved.add(
            new SinkNode(
                s.name(),
                s.parents(),
                s.topic(),
                s.topicExtractor(),
                orDefault(s.keySerde(), defaultKey),
                orDefault(s.valueSerde(), defaultValue),
                s.partitioner()));
      } else {
        resolved.add(node);
      }
    }
    return resolved;
  }

  private static Serde<?> orDefault(Serde<?> serde, Serde<?> fallback) {
    return serde != null ? serde : fallback;
  }

  /**
   * Splits valid nodes into connected components, numbered by their first node.
   *
   * @param nodes valid nodes, parents first
   * @return the sub-topologies
   */
  static List<SubTopology> split(List<GraphNode> nodes) {
    Map<String, String> root = new HashMap<>();
    for (GraphNode node : nodes) {
      root.put(node.name(), node.name());
      for (String parent : node.parents()) {
        union(root, node.name(), parent);
      }
    }
    Map<String, List<GraphNode>> components = new LinkedHashMap<>();
    for (GraphNode node : nodes) {
      components.computeIfAbsent(find(root, node.name()), k -> new ArrayList<>()).add(node);
    }
    List<SubTopology> subTopologies = new ArrayList<>();
    for (List<GraphNode> component : components.values()) {
      subTopologies.add(SubTopology.of(subTopologies.size(), component));
    }
    return subTopologies;
  }

  private static String find(Map<String, String> root, String name) {
    String current = name;
    while (!root.get(current).equals(current)) {
      current = root.get(current);
    }
    root.put(name, current);
    return current;
  }

  private static void union(Map<String, String> root, String a, String b) {
    String rootA = find(root, a);
    String rootB = find(root, b);
    if (!rootA.equals(rootB)) {
      root.put(rootB, rootA);
    }
  }
}
