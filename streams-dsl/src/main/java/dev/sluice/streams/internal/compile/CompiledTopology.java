package dev.sluice.streams.internal.compile;

import dev.sluice.streams.Topology;
import dev.sluice.streams.TopologyDescription;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The immutable topology the engine runs: validated nodes with resolved serdes, split into
 * sub-topologies. The test driver and the runtime read it through this type.
 *
 * @param subTopologies the sub-topologies, by id
 */
public record CompiledTopology(List<SubTopology> subTopologies) implements Topology {

  /** Copies the list. */
  public CompiledTopology {
    subTopologies = List.copyOf(subTopologies);
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

  @Override
  public Set<String> sourceTopics() {
    Set<String> topics = new TreeSet<>();
    subTopologies.forEach(sub -> topics.addAll(sub.sourceTopics()));
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
