package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.SubTopology;
import dev.sluice.streams.internal.engine.TaskId;
import dev.sluice.streams.internal.graph.SourceNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * The group's partition assignor (classic protocol): it assigns whole tasks — every partition p of
 * a sub-topology's source topics together — using {@link AssignmentPlanner}, cooperatively.
 *
 * <p>Configured through the consumer config with the topology ({@link #TOPOLOGY_CONFIG}) and the
 * instance's process id ({@link #PROCESS_ID_CONFIG}); the process id travels in the subscription so
 * the leader can balance across instances, not just consumers. Source topics of one sub-topology
 * with different partition counts cannot be co-partitioned: the leader fails the assignment with a
 * message naming the topics and counts.
 */
public final class TaskAssignor implements ConsumerPartitionAssignor, Configurable {
  /** Consumer-config key of the {@link CompiledTopology}. */
  public static final String TOPOLOGY_CONFIG = "sluice.internal.topology";

  /** Consumer-config key of this instance's process id. */
  public static final String PROCESS_ID_CONFIG = "sluice.internal.process.id";

  private CompiledTopology topology;
  private String processId;

  @Override
  public void configure(Map<String, ?> configs) {
    topology = (CompiledTopology) configs.get(TOPOLOGY_CONFIG);
    processId = String.valueOf(configs.get(PROCESS_ID_CONFIG));
    if (topology == null) {
      throw new IllegalStateException("BUG: the task assignor was configured without a topology");
    }
  }

  @Override
  public String name() {
    return "sluice-tasks";
  }

  @Override
  public List<RebalanceProtocol> supportedProtocols() {
    return List.of(RebalanceProtocol.COOPERATIVE);
  }

  @Override
  public ByteBuffer subscriptionUserData(Set<String> topics) {
    return ByteBuffer.wrap(processId.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
    Map<TaskId, List<TopicPartition>> tasks =
        tasks(topology, metadata.topics(), metadata::partitionCountForTopic);
    Map<TopicPartition, TaskId> taskOf = new HashMap<>();
    tasks.forEach((task, partitions) -> partitions.forEach(p -> taskOf.put(p, task)));
    List<AssignmentPlanner.Member> members = new ArrayList<>();
    groupSubscription
        .groupSubscription()
        .forEach(
            (memberId, subscription) -> {
              Set<TaskId> owned = new HashSet<>();
              for (TopicPartition partition : subscription.ownedPartitions()) {
                TaskId task = taskOf.get(partition);
                if (task != null) {
                  owned.add(task);
                }
              }
              members.add(new AssignmentPlanner.Member(memberId, processIdOf(subscription), owned));
            });
    Map<String, List<TaskId>> plan = AssignmentPlanner.plan(tasks.keySet(), members);
    Map<String, Assignment> assignments = new HashMap<>();
    plan.forEach(
        (memberId, memberTasks) -> {
          List<TopicPartition> partitions = new ArrayList<>();
          memberTasks.forEach(task -> partitions.addAll(tasks.get(task)));
          assignments.put(memberId, new Assignment(partitions));
        });
    return new GroupAssignment(assignments);
  }

  /** Looks up a topic's partition count, null if unknown. */
  @FunctionalInterface
  interface PartitionCounts {
    Integer of(String topic);
  }

  /**
   * The tasks of a topology given the cluster's topics: for each sub-topology, one task per
   * partition of its source topics.
   *
   * @param topology the topology
   * @param clusterTopics every topic in the cluster, to resolve pattern sources
   * @param counts partition counts
   * @return the partitions of each task, in task order
   */
  static Map<TaskId, List<TopicPartition>> tasks(
      CompiledTopology topology, Set<String> clusterTopics, PartitionCounts counts) {
    Map<TaskId, List<TopicPartition>> tasks = new TreeMap<>();
    for (SubTopology sub : topology.subTopologies()) {
      Map<String, Integer> topicCounts = new TreeMap<>();
      for (String topic : sourceTopics(sub, clusterTopics)) {
        Integer count = counts.of(topic);
        if (count != null) {
          topicCounts.put(topic, count);
        }
      }
      if (new HashSet<>(topicCounts.values()).size() > 1) {
        throw new StreamsException(
            String.format(
                "sub-topology %d reads topics with different partition counts %s, so their"
                    + " partitions cannot be processed together: give them the same number of"
                    + " partitions",
                sub.id(), topicCounts),
            null);
      }
      topicCounts.forEach(
          (topic, count) -> {
            for (int p = 0; p < count; p++) {
              tasks
                  .computeIfAbsent(new TaskId(sub.id(), p), t -> new ArrayList<>())
                  .add(new TopicPartition(topic, p));
            }
          });
    }
    return tasks;
  }

  private static Set<String> sourceTopics(SubTopology sub, Set<String> clusterTopics) {
    Set<String> topics = new TreeSet<>(sub.sourceTopics());
    for (SourceNode source : sub.sources()) {
      if (source.pattern() != null) {
        clusterTopics.stream().filter(source::reads).forEach(topics::add);
      }
    }
    return topics;
  }

  private static String processIdOf(Subscription subscription) {
    ByteBuffer data = subscription.userData();
    if (data == null) {
      return "unknown";
    }
    byte[] bytes = new byte[data.remaining()];
    data.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
