package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import dev.sluice.streams.internal.compile.SubTopology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topology's repartition and changelog topics before any thread starts, and checks that
 * existing ones fit: the partition count the topology needs and the cleanup policy (changelogs
 * compacted, repartition topics deleted). A mismatch stops the start with a message naming the
 * topic, what it has and what it needs — a wrong changelog would silently lose state.
 *
 * <p>Partition counts: a sub-topology has as many tasks as its external input topics have
 * partitions; a repartition topic gets the partition count of the sub-topology that writes it
 * (which is then the count of the sub-topology reading it); a changelog has one partition per task
 * of its store's sub-topology.
 */
final class InternalTopics {
  private static final long TIMEOUT_S = 60;

  private InternalTopics() {}

  static void ensure(CompiledTopology topology, Admin admin) {
    List<InternalTopic> internal = topology.internalTopics();
    if (internal.isEmpty()) {
      return;
    }
    try {
      Map<Integer, Integer> tasksPerSub = partitionsPerSubTopology(topology, admin);
      Map<String, TopicDescription> existing = describeExisting(admin, internal);
      List<NewTopic> missing = new ArrayList<>();
      for (InternalTopic topic : internal) {
        int partitions = partitionsFor(topic, tasksPerSub);
        TopicDescription description = existing.get(topic.name());
        if (description == null) {
          missing.add(
              new NewTopic(
                      topic.name(), java.util.Optional.of(partitions), java.util.Optional.empty())
                  .configs(topicConfigs(topic)));
        } else {
          check(topic, partitions, description, admin);
        }
      }
      create(admin, missing);
    } catch (ExecutionException | TimeoutException e) {
      throw new StreamsException("cannot create the internal topics: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("interrupted while creating the internal topics", e);
    }
  }

  // Windowed changelogs also delete: keep a day beyond the store's retention, so a restore never
  // misses a window the store still holds.
  private static Map<String, String> topicConfigs(InternalTopic topic) {
    Map<String, String> configs = new HashMap<>();
    configs.put("cleanup.policy", topic.cleanupPolicy());
    if (topic.retentionMs() >= 0) {
      configs.put("retention.ms", String.valueOf(topic.retentionMs() + TimeUnit.DAYS.toMillis(1)));
    }
    return configs;
  }

  private static Set<String> policies(String cleanupPolicy) {
    Set<String> policies = new java.util.TreeSet<>();
    for (String policy : cleanupPolicy.split(",")) {
      policies.add(policy.trim());
    }
    return policies;
  }

  private static int partitionsFor(InternalTopic topic, Map<Integer, Integer> tasksPerSub) {
    // A repartition topic takes the partition count of the sub-topology that reads it: that of the
    // topics it must be co-partitioned with (a join's table), or else the writer's.
    int sub = topic.readBy();
    Integer count = tasksPerSub.get(sub);
    if (count == null) {
      throw new StreamsException(
          String.format(
              "cannot tell how many partitions internal topic '%s' needs: sub-topology %d has no"
                  + " input topic with a known partition count",
              topic.name(), sub),
          null);
    }
    return count;
  }

  /** Task counts per sub-topology, from external inputs, then through repartition topics. */
  static Map<Integer, Integer> partitionsPerSubTopology(CompiledTopology topology, Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> internalNames = new java.util.HashSet<>();
    topology.internalTopics().forEach(t -> internalNames.add(t.name()));
    List<String> external = new ArrayList<>(topology.sourceTopics());
    external.removeAll(internalNames);
    Map<String, Integer> counts = new HashMap<>();
    admin
        .describeTopics(external)
        .allTopicNames()
        .get(TIMEOUT_S, TimeUnit.SECONDS)
        .forEach((name, description) -> counts.put(name, description.partitions().size()));
    Map<Integer, Integer> perSub = new HashMap<>();
    for (SubTopology sub : topology.subTopologies()) {
      sub.sourceTopics().stream()
          .filter(counts::containsKey)
          .mapToInt(counts::get)
          .max()
          .ifPresent(max -> perSub.put(sub.id(), max));
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (InternalTopic topic : topology.internalTopics()) {
        if (topic.kind() == InternalTopic.Kind.REPARTITION
            && perSub.containsKey(topic.writtenBy())
            && !perSub.containsKey(topic.readBy())) {
          perSub.put(topic.readBy(), perSub.get(topic.writtenBy()));
          changed = true;
        }
      }
    }
    return perSub;
  }

  private static Map<String, TopicDescription> describeExisting(
      Admin admin, List<InternalTopic> internal)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> names = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
    List<String> present =
        internal.stream().map(InternalTopic::name).filter(names::contains).toList();
    return present.isEmpty()
        ? Map.of()
        : admin.describeTopics(present).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  private static void check(
      InternalTopic topic, int partitions, TopicDescription description, Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (description.partitions().size() != partitions) {
      throw new StreamsException(
          String.format(
              "internal topic '%s' has %d partitions but the topology needs %d: delete it (its"
                  + " data is derived) or give the inputs matching partition counts",
              topic.name(), description.partitions().size(), partitions),
          null);
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
    Config config =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get(TIMEOUT_S, TimeUnit.SECONDS)
            .get(resource);
    String policy = config.get("cleanup.policy").value();
    if (!policies(policy).equals(policies(topic.cleanupPolicy()))) {
      throw new StreamsException(
          String.format(
              "internal topic '%s' has cleanup.policy=%s but needs %s: a %s topic with the wrong"
                  + " policy loses data; fix its config or delete it",
              topic.name(),
              policy,
              topic.cleanupPolicy(),
              topic.kind().name().toLowerCase(java.util.Locale.ROOT)),
          null);
    }
  }

  private static void create(Admin admin, List<NewTopic> missing)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
