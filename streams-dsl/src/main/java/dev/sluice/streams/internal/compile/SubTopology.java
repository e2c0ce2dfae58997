package dev.sluice.streams.internal.compile;

import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A connected part of the topology: the steps one task runs for one input partition, and the stores
 * those steps use. Nodes are in definition order, so every parent comes before its children.
 *
 * @param id the sub-topology number, by order of first definition
 * @param nodes the steps, parents first
 * @param children for each step name, its children's names in definition order
 * @param stores the stores its steps use, in order of first use (so upstream stores come first)
 * @param applicationId the application id its internal topic names carry, or null if the topology
 *     is not bound to an application yet (see {@link CompiledTopology#forApplication})
 */
public record SubTopology(
    int id,
    List<GraphNode> nodes,
    Map<String, List<String>> children,
    List<StoreSpec> stores,
    String applicationId) {

  /** Copies the collections. */
  public SubTopology {
    nodes = List.copyOf(nodes);
    children = Map.copyOf(children);
    stores = List.copyOf(stores);
  }

  /**
   * Builds a sub-topology and its child lists from nodes whose parents are all inside it.
   *
   * @param id the sub-topology number
   * @param nodes the steps, parents first
   * @param allStores every task store of the topology, by name; the ones these steps use are kept
   *     (global stores are not in it)
   * @param applicationId the bound application id, or null
   * @return the sub-topology
   */
  public static SubTopology of(
      int id, List<GraphNode> nodes, Map<String, StoreSpec> allStores, String applicationId) {
    Map<String, List<String>> children = new LinkedHashMap<>();
    Map<String, StoreSpec> stores = new LinkedHashMap<>();
    for (GraphNode node : nodes) {
      children.put(node.name(), new ArrayList<>());
      if (node instanceof ProcessorNode processor) {
        for (String store : processor.stores()) {
          // a global store is in no sub-topology: the instance keeps it for every task
          if (allStores.containsKey(store)) {
            stores.putIfAbsent(store, allStores.get(store));
          }
        }
      }
    }
    for (GraphNode node : nodes) {
      for (String parent : node.parents()) {
        children.get(parent).add(node.name());
      }
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    children.forEach((name, list) -> frozen.put(name, List.copyOf(list)));
    return new SubTopology(id, nodes, frozen, List.copyOf(stores.values()), applicationId);
  }

  /**
   * The source steps.
   *
   * @return the sources, in definition order
   */
  public List<SourceNode> sources() {
    List<SourceNode> sources = new ArrayList<>();
    for (GraphNode node : nodes) {
      if (node instanceof SourceNode source) {
        sources.add(source);
      }
    }
    return sources;
  }

  /**
   * The source that reads a topic, if any.
   *
   * @param topic the topic
   * @return the source, or null
   */
  public SourceNode sourceFor(String topic) {
    for (GraphNode node : nodes) {
      if (node instanceof SourceNode source && source.reads(topic)) {
        return source;
      }
    }
    return null;
  }

  /**
   * The topics read by name.
   *
   * @return sorted topic names
   */
  public Set<String> sourceTopics() {
    Set<String> topics = new TreeSet<>();
    sources().forEach(source -> topics.addAll(source.topics()));
    return topics;
  }

  /**
   * The fixed topics written.
   *
   * @return sorted topic names
   */
  public Set<String> sinkTopics() {
    Set<String> topics = new TreeSet<>();
    for (GraphNode node : nodes) {
      if (node instanceof SinkNode sink && sink.topic() != null) {
        topics.add(sink.topic());
      }
    }
    return topics;
  }
}
