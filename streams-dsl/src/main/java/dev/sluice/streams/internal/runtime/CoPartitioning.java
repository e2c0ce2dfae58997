package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.TopologyException;
import dev.sluice.streams.internal.compile.CoPartitionedTopics;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import dev.sluice.streams.internal.compile.SubTopology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, before any thread starts, how many partitions (so how many tasks) each sub-topology has,
 * and so how many partitions each repartition topic needs; and refuses topologies whose inputs
 * cannot be co-partitioned. A pure function of the topology and the partition counts of the user's
 * topics, so it is tested without a broker.
 *
 * <p>A task reads partition p of every source topic of its sub-topology, so all of them must have
 * the same count. Counts are <em>fixed</em> for the user's topics and for repartition topics given
 * a {@code Repartitioned.numberOfPartitions}; when two fixed counts in one sub-topology differ,
 * nothing can be done automatically (the user's topics are not ours to change), and the start fails
 * with a {@link TopologyException} naming the join, both topics, both counts and the fix. Every
 * other repartition topic takes its reader's count: the fixed count if the reader has one, else the
 * largest count among the sub-topologies that write into the reader, so a join of two re-keyed
 * streams is sized to the larger side.
 */
final class CoPartitioning {

  private CoPartitioning() {}

  /**
   * The partition count of each sub-topology.
   *
   * @param topology the bound topology
   * @param topicCounts partition counts of the user's topics the topology reads by name
   * @return sub-topology id to partition count, for every sub-topology whose count can be known
   * @throws TopologyException naming each join (or sub-topology) whose fixed counts differ
   */
  static Map<Integer, Integer> partitionsPerSubTopology(
      CompiledTopology topology, Map<String, Integer> topicCounts) {
    Map<String, Integer> fixed = new HashMap<>(topicCounts);
    for (InternalTopic topic : topology.internalTopics()) {
      if (topic.kind() == InternalTopic.Kind.REPARTITION && topic.fixedPartitions()) {
        fixed.put(topic.name(), topic.partitions());
      }
    }
    List<String> problems = new ArrayList<>();
    Map<Integer, Integer> perSub = new HashMap<>();
    for (SubTopology sub : topology.subTopologies()) {
      Map<String, Integer> counts = new TreeMap<>();
      sub.sourceTopics().stream()
          .filter(fixed::containsKey)
          .forEach(topic -> counts.put(topic, fixed.get(topic)));
      if (new HashSet<>(counts.values()).size() > 1) {
        problems.addAll(mismatches(topology, sub, counts));
      } else if (!counts.isEmpty()) {
        perSub.put(sub.id(), counts.values().iterator().next());
      }
    }
    if (!problems.isEmpty()) {
      throw new TopologyException(problems);
    }
    deriveFromWriters(topology, perSub);
    return perSub;
  }

  /**
   * The partition count an internal topic needs.
   *
   * @param topic a repartition topic or changelog
   * @param perSub the counts from {@link #partitionsPerSubTopology}
   * @return the count
   * @throws StreamsException if its sub-topology's count cannot be known
   */
  static int partitionsFor(InternalTopic topic, Map<Integer, Integer> perSub) {
    if (topic.fixedPartitions()) {
      return topic.partitions();
    }
    Integer count = perSub.get(topic.readBy());
    if (count == null) {
      throw new StreamsException(
          String.format(
              "cannot tell how many partitions internal topic '%s' needs: sub-topology %d has no"
                  + " input topic with a known partition count",
              topic.name(), topic.readBy()),
          null);
    }
    return count;
  }

  /** A sub-topology without a fixed count takes the largest count of those writing into it. */
  private static void deriveFromWriters(CompiledTopology topology, Map<Integer, Integer> perSub) {
    Map<Integer, Integer> fixedSubs = Map.copyOf(perSub);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (InternalTopic topic : topology.internalTopics()) {
        Integer writer = perSub.get(topic.writtenBy());
        if (topic.kind() != InternalTopic.Kind.REPARTITION
            || writer == null
            || fixedSubs.containsKey(topic.readBy())) {
          continue;
        }
        Integer reader = perSub.get(topic.readBy());
        if (reader == null || reader < writer) {
          perSub.put(topic.readBy(), writer);
          changed = true;
        }
      }
    }
  }

  /** One problem per join whose topics differ; one for the sub-topology if no join explains it. */
  private static List<String> mismatches(
      CompiledTopology topology, SubTopology sub, Map<String, Integer> counts) {
    List<String> problems = new ArrayList<>();
    for (CoPartitionedTopics group : topology.coPartitionGroups()) {
      String fewest = null;
      String most = null;
      for (String topic : group.topics()) {
        Integer count = counts.get(topic);
        if (count != null) {
          fewest = fewest == null || count < counts.get(fewest) ? topic : fewest;
          most = most == null || count > counts.get(most) ? topic : most;
        }
      }
      if (fewest != null && !counts.get(fewest).equals(counts.get(most))) {
        int target = counts.get(most);
        problems.add(
            String.format(
                "%s step '%s' needs its inputs co-partitioned, but topic '%s' has %d partitions"
                    + " and topic '%s' has %d: send the '%s' side through a topic with %d"
                    + " partitions before the join (KStream.repartition(Repartitioned"
                    + ".numberOfPartitions(%d))), or create both topics with the same partition"
                    + " count",
                group.operation(),
                group.step(),
                fewest,
                counts.get(fewest),
                most,
                target,
                fewest,
                target,
                target));
      }
    }
    if (problems.isEmpty()) {
      problems.add(
          String.format(
              "sub-topology %d reads topics with different partition counts %s, so their"
                  + " partitions cannot be processed together: give them the same number of"
                  + " partitions",
              sub.id(), counts));
    }
    return problems;
  }
}
