package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
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
 * <p>Partition counts come from {@link CoPartitioning}: a sub-topology has as many tasks as its
 * user topics have partitions (refusing a join whose topics differ), a repartition topic gets the
 * count of the sub-topology that reads it (its {@code Repartitioned} count if the user gave one),
 * and a changelog has one partition per task of its store's sub-topology.
 */
final class InternalTopics {
  private static final long TIMEOUT_S = 60;

  private InternalTopics() {}

  static void ensure(CompiledTopology topology, Admin admin) {
    List<InternalTopic> internal = topology.internalTopics();
    try {
      // checked even without internal topics: a join of two user topics needs matching counts
      Map<Integer, Integer> tasksPerSub =
          CoPartitioning.partitionsPerSubTopology(topology, userTopicCounts(topology, admin));
      if (internal.isEmpty()) {
        return;
      }
      Map<String, TopicDescription> existing = describeExisting(admin, internal);
      List<NewTopic> missing = new ArrayList<>();
      for (InternalTopic topic : internal) {
        int partitions = CoPartitioning.partitionsFor(topic, tasksPerSub);
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

  /** Partition counts of the topics the topology reads by name, other than internal ones. */
  private static Map<String, Integer> userTopicCounts(CompiledTopology topology, Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> internalNames = new java.util.HashSet<>();
    topology.internalTopics().forEach(t -> internalNames.add(t.name()));
    List<String> external = new ArrayList<>(topology.sourceTopics());
    external.removeAll(internalNames);
    Map<String, Integer> counts = new HashMap<>();
    if (external.isEmpty()) {
      return counts;
    }
    admin
        .describeTopics(external)
        .allTopicNames()
        .get(TIMEOUT_S, TimeUnit.SECONDS)
        .forEach((name, description) -> counts.put(name, description.partitions().size()));
    return counts;
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
