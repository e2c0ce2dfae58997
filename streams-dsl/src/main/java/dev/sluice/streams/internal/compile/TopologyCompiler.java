package dev.sluice.streams.internal.compile;

import dev.sluice.streams.TopologyException;
import dev.sluice.streams.internal.graph.CoPartitionGroup;
import dev.sluice.streams.internal.graph.GlobalStore;
import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.ProcessorNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.WrappingSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;

/**
 * Compiles a builder's logical graph into a {@link CompiledTopology} in explicit stages, each a
 * pure function: resolve default serdes (of steps and stores), validate (collecting every problem),
 * split into sub-topologies (connected components; steps sharing a store are connected), then list
 * the internal topics. Global tables' stores stay outside the sub-topologies: the topology carries
 * them beside them, and a global store's topic is its changelog, so it adds no internal topic.
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
    return compile(
        nodes, List.of(), List.of(), Map.of(), List.of(), defaultKeySerde, defaultValueSerde);
  }

  /**
   * Compiles the nodes and the stores they use.
   *
   * @param nodes the logical graph in definition order
   * @param stores the declared stores
   * @param globalStores the global tables' stores and sources
   * @param repartitionTopics the internal repartition topics, without the application-id prefix,
   *     with the partition count the user asked for or {@code GraphBuilder.DERIVED_PARTITIONS}
   * @param coPartitionGroups the steps whose inputs must be co-partitioned
   * @param defaultKeySerde the builder's default key serde, or null
   * @param defaultValueSerde the builder's default value serde, or null
   * @return the unbound topology
   * @throws TopologyException listing every problem found
   */
  public static CompiledTopology compile(
      List<GraphNode> nodes,
      List<StoreSpec> stores,
      List<GlobalStore> globalStores,
      Map<String, Integer> repartitionTopics,
      List<CoPartitionGroup> coPartitionGroups,
      Serde<?> defaultKeySerde,
      Serde<?> defaultValueSerde) {
    List<GraphNode> resolved = resolveSerdes(nodes, defaultKeySerde, defaultValueSerde);
    List<StoreSpec> resolvedStores = new ArrayList<>();
    for (StoreSpec store : stores) {
      resolvedStores.add(
          store.withSerdes(
              orDefault(store.keySerde(), defaultKeySerde, defaultKeySerde),
              orDefault(store.valueSerde(), defaultValueSerde, defaultKeySerde)));
    }
    List<GlobalStore> resolvedGlobals = new ArrayList<>();
    for (GlobalStore global : globalStores) {
      SourceNode source =
          (SourceNode)
              resolveSerdes(List.of(global.source()), defaultKeySerde, defaultValueSerde).get(0);
      StoreSpec store = global.store();
      resolvedGlobals.add(
          new GlobalStore(
              source,
              store.withSerdes(
                  orDefault(store.keySerde(), source.keySerde(), source.keySerde()),
                  orDefault(store.valueSerde(), source.valueSerde(), source.keySerde()))));
    }
    Set<String> globalNames = new HashSet<>();
    resolvedGlobals.forEach(global -> globalNames.add(global.name()));
    List<String> problems = TopologyValidator.problems(resolved, repartitionTopics.keySet());
    problems.addAll(StoreValidator.problems(resolved, resolvedStores, globalNames));
    problems.addAll(GlobalStoreValidator.problems(resolved, resolvedStores, resolvedGlobals));
    if (!problems.isEmpty()) {
      throw new TopologyException(problems);
    }
    List<SubTopology> subTopologies = split(resolved, resolvedStores);
    return new CompiledTopology(
        subTopologies,
        internalTopics(subTopologies, repartitionTopics),
        resolvedGlobals,
        CoPartitionedTopics.resolve(resolved, coPartitionGroups),
        null);
  }

  /**
   * Lists the internal topics: each repartition topic with its writer and reader, then each logged
   * store's changelog.
   *
   * @param subTopologies the sub-topologies
   * @param repartitionTopics the repartition topic names and partition counts
   * @return the internal topics, unprefixed
   */
  static List<InternalTopic> internalTopics(
      List<SubTopology> subTopologies, Map<String, Integer> repartitionTopics) {
    List<InternalTopic> topics = new ArrayList<>();
    for (String topic : repartitionTopics.keySet()) {
      int writer = -1;
      int reader = -1;
      for (SubTopology sub : subTopologies) {
        writer = sub.sinkTopics().contains(topic) ? sub.id() : writer;
        reader = sub.sourceTopics().contains(topic) ? sub.id() : reader;
      }
      topics.add(
          new InternalTopic(
              topic,
              InternalTopic.Kind.REPARTITION,
              "delete",
              writer,
              reader,
              null,
              -1,
              repartitionTopics.get(topic)));
    }
    for (SubTopology sub : subTopologies) {
      for (StoreSpec store : sub.stores()) {
        if (store.logged()) {
          // window and session changelogs also expire by time, like the stores' segments
          boolean windowed = store.kind() != StoreSpec.Kind.KEY_VALUE;
          topics.add(
              new InternalTopic(
                  store.changelogName(),
                  InternalTopic.Kind.CHANGELOG,
                  windowed ? "compact,delete" : "compact",
                  sub.id(),
                  sub.id(),
                  store.name(),
                  windowed ? store.retentionMs() : -1));
        }
      }
    }
    return topics;
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
                orDefault(s.keySerde(), defaultKey, defaultKey),
                orDefault(s.valueSerde(), defaultValue, defaultKey),
                s.timestampExtractor()));
      } else if (node instanceof SinkNode s) {
        resolved.add(
            s.withSerdes(
                orDefault(s.keySerde(), defaultKey, defaultKey),
                orDefault(s.valueSerde(), defaultValue, defaultKey)));
      } else {
        resolved.add(node);
      }
    }
    return resolved;
  }

  /**
   * The serde, or the default for its position; a wrapping serde gets its missing inner serde
   * filled instead, with the default key serde if it wraps keys.
   */
  private static Serde<?> orDefault(Serde<?> serde, Serde<?> fallback, Serde<?> defaultKey) {
    if (serde instanceof WrappingSerde wrapping && wrapping.inner() == null) {
      // a table re-grouping writes changes (a stream-stream join stores lists) of a value whose
      // serde may be the default; a foreign-key join's subscription carries the left table's key
      Serde<?> inner = wrapping.wrapsKeys() ? defaultKey : fallback;
      return inner == null ? null : wrapping.withInner(inner);
    }
    return serde != null ? serde : fallback;
  }

  /**
   * Splits valid nodes into connected components, numbered by their first node.
   *
   * @param nodes valid nodes, parents first
   * @param stores the valid stores
   * @return the sub-topologies
   */
  static List<SubTopology> split(List<GraphNode> nodes, List<StoreSpec> stores) {
    Map<String, StoreSpec> storesByName = new HashMap<>();
    stores.forEach(store -> storesByName.put(store.name(), store));
    Map<String, String> root = new HashMap<>();
    Map<String, String> firstUserOfStore = new HashMap<>();
    for (GraphNode node : nodes) {
      root.put(node.name(), node.name());
      for (String parent : node.parents()) {
        union(root, node.name(), parent);
      }
      // steps that share a store run in the same task, so they join one sub-topology (a global
      // store is outside every task: steps that read it stay apart)
      if (node instanceof ProcessorNode processor) {
        for (String store : processor.stores()) {
          if (!storesByName.containsKey(store)) {
            continue;
          }
          String first = firstUserOfStore.putIfAbsent(store, node.name());
          if (first != null) {
            union(root, first, node.name());
          }
        }
      }
    }
    Map<String, List<GraphNode>> components = new LinkedHashMap<>();
    for (GraphNode node : nodes) {
      components.computeIfAbsent(find(root, node.name()), k -> new ArrayList<>()).add(node);
    }
    List<SubTopology> subTopologies = new ArrayList<>();
    for (List<GraphNode> component : components.values()) {
      subTopologies.add(SubTopology.of(subTopologies.size(), component, storesByName, null));
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
