package dev.sluice.streams.internal.compile;

import dev.sluice.streams.Topology;
import dev.sluice.streams.TopologyDescription;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GlobalStore;
import dev.sluice.streams.internal.graph.GraphNode;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.internal.graph.SourceNode;
import dev.sluice.streams.internal.graph.StoreSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The immutable topology the engine runs: validated nodes with resolved serdes, split into
 * sub-topologies, with the internal topics the runtime must create. The test driver and the runtime
 * read it through this type.
 *
 * <p>{@code StreamsBuilder.build()} returns an <em>unbound</em> topology: its internal topics are
 * named without the application-id prefix, because the application id is configuration. The driver
 * and the runtime call {@link #forApplication(String)} once and create tasks from the bound copy,
 * whose repartition sources and sinks use the full topic names.
 *
 * @param subTopologies the sub-topologies, by id
 * @param internalTopics the repartition and changelog topics (see {@link InternalTopic} for names)
 * @param globalStores the global tables' stores and sources, kept once per instance for every task
 * @param coPartitionGroups the topics each join needs co-partitioned, named like internal topics
 * @param applicationId the application id the names are bound to, or null if unbound
 */
public record CompiledTopology(
    List<SubTopology> subTopologies,
    List<InternalTopic> internalTopics,
    List<GlobalStore> globalStores,
    List<CoPartitionedTopics> coPartitionGroups,
    String applicationId)
    implements Topology {

  /** Copies the lists. */
  public CompiledTopology {
    subTopologies = List.copyOf(subTopologies);
    internalTopics = List.copyOf(internalTopics);
    globalStores = List.copyOf(globalStores);
    coPartitionGroups = List.copyOf(coPartitionGroups);
  }

  /**
   * This topology with internal topic names prefixed by the application id: {@code
   * <applicationId>-<name>-repartition} and {@code <applicationId>-<store>-changelog}.
   *
   * @param applicationId the application id
   * @return the bound copy; this topology if it is already bound to that id
   * @throws IllegalStateException if it is bound to another application id
   */
  public CompiledTopology forApplication(String applicationId) {
    Checks.validName(applicationId, "application id");
    if (this.applicationId != null) {
      Checks.argument(
          this.applicationId.equals(applicationId),
          "the topology is bound to application '%s' and cannot be rebound to '%s'; bind the"
              + " unbound topology from StreamsBuilder.build() instead",
          this.applicationId,
          applicationId);
      return this;
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    List<InternalTopic> topics = new ArrayList<>();
    for (InternalTopic topic : internalTopics) {
      InternalTopic bound = topic.prefixed(applicationId);
      renamed.put(topic.name(), bound.name());
      topics.add(bound);
    }
    List<SubTopology> subs = new ArrayList<>();
    for (SubTopology sub : subTopologies) {
      subs.add(bind(sub, renamed, applicationId));
    }
    List<CoPartitionedTopics> groups =
        coPartitionGroups.stream().map(group -> group.renamed(renamed)).toList();
    return new CompiledTopology(subs, topics, globalStores, groups, applicationId);
  }

  private static SubTopology bind(
      SubTopology sub, Map<String, String> renamed, String applicationId) {
    List<GraphNode> nodes = new ArrayList<>();
    for (GraphNode node : sub.nodes()) {
      if (node instanceof SourceNode s && s.topics().stream().anyMatch(renamed::containsKey)) {
        List<String> topics = s.topics().stream().map(t -> renamed.getOrDefault(t, t)).toList();
        nodes.add(
            new SourceNode(
                s.name(),
                topics,
                s.pattern(),
                s.keySerde(),
                s.valueSerde(),
                s.timestampExtractor()));
      } else if (node instanceof SinkNode s && renamed.containsKey(s.topic())) {
        nodes.add(s.withTopic(renamed.get(s.topic())));
      } else {
        nodes.add(node);
      }
    }
    return new SubTopology(sub.id(), nodes, sub.children(), sub.stores(), applicationId);
  }

  /**
   * The sub-topology that reads a topic, if any.
   *
   * @param topic the topic
   * @return the sub-topology, or null
   */
  public SubTopology subTopologyReading(String topic) {
    for (SubTopology sub : subTopologies) {
      if (sub.sourceFor(topic) != null) {
        return sub;
      }
    }
    return null;
  }

  /**
   * Every store of the topology, in sub-topology order.
   *
   * @return the store specs
   */
  public List<StoreSpec> stores() {
    List<StoreSpec> stores = new ArrayList<>();
    subTopologies.forEach(sub -> stores.addAll(sub.stores()));
    return stores;
  }

  @Override
  public Set<String> sourceTopics() {
    Set<String> topics = new TreeSet<>();
    subTopologies.forEach(sub -> topics.addAll(sub.sourceTopics()));
    return Collections.unmodifiableSet(topics);
  }

  /**
   * The topics global tables read, from all partitions, outside the consumer group.
   *
   * @return sorted topic names
   */
  public Set<String> globalTopics() {
    Set<String> topics = new TreeSet<>();
    globalStores.forEach(global -> topics.add(global.topic()));
    return Collections.unmodifiableSet(topics);
  }

  @Override
  public Set<String> sinkTopics() {
    Set<String> topics = new TreeSet<>();
    subTopologies.forEach(sub -> topics.addAll(sub.sinkTopics()));
    return Collections.unmodifiableSet(topics);
  }

  @Override
  public int subTopologyCount() {
    return subTopologies.size();
  }

  @Override
  public TopologyDescription describe() {
    return TopologyDescriber.describe(this);
  }
}
