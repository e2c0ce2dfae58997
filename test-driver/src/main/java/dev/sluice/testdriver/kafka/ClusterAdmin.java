package dev.sluice.testdriver.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Readiness checks and topic creation over the public Admin API, shared by every harness flavour.
 *
 * <p>Every wait polls a condition until a deadline and then fails naming what it waited for; none
 * sleeps a fixed time hoping the broker is ready.
 */
final class ClusterAdmin implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(50);
  private static final long CALL_TIMEOUT_MS = 5_000;

  private final String bootstrapServers;
  private final String clusterId;
  private Admin admin;

  ClusterAdmin(String bootstrapServers, String clusterId) {
    this.bootstrapServers = bootstrapServers;
    this.clusterId = clusterId;
  }

  /**
   * The Admin client, created once a bootstrap port accepts connections: an Admin created earlier
   * logs a WARN line for every refused connection while a JVM boots.
   */
  private synchronized Admin admin() {
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MS,
                  AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                  AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }
    return admin;
  }

  private synchronized boolean hasAdmin() {
    return admin != null;
  }

  private boolean anyBootstrapPortListening() {
    for (String hostPort : bootstrapServers.split(",")) {
      int colon = hostPort.lastIndexOf(':');
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
            200);
        return true;
      } catch (IOException e) {
        // Not listening yet; try the next node.
      }
    }
    return false;
  }

  /**
   * Waits until the brokers answering {@code describeCluster} are exactly {@code nodeIds}, and
   * checks they belong to the cluster this harness formatted, so a test never talks to another
   * process that happens to hold the port.
   *
   * @param aliveCheck called on every poll; throws if a broker process died, to fail fast
   */
  void awaitNodes(Set<Integer> nodeIds, Duration timeout, Runnable aliveCheck) {
    await(
        timeout,
        "brokers " + nodeIds + " of cluster " + clusterId + " to answer",
        () -> {
          aliveCheck.run();
          if (!hasAdmin() && !anyBootstrapPortListening()) {
            return false;
          }
          DescribeClusterResult result = admin().describeCluster();
          String answeringId = get(result.clusterId());
          if (answeringId != null && !answeringId.equals(clusterId)) {
            throw new IllegalStateException(
                String.format(
                    "the broker answering is from cluster %s, not the one started here (%s):"
                        + " another process holds the port",
                    answeringId, clusterId));
          }
          Set<Integer> answering =
              get(result.nodes()).stream().map(Node::id).collect(Collectors.toSet());
          return answering.equals(nodeIds);
        });
  }

  /**
   * Creates a topic and waits until every partition has a leader with a full ISR, so the first
   * produce does not race the metadata propagation.
   */
  void createTopic(
      String name, int partitions, int replicationFactor, Map<String, String> configs) {
    NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(configs);
    try {
      admin().createTopics(List.of(topic)).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          String.format(
              "cannot create topic %s (%s partitions, replication %s, configs %s): %s",
              name, partitions, replicationFactor, configs, e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + name, e);
    }
    await(
        Duration.ofSeconds(30),
        "every partition of topic " + name + " to have a leader and " + replicationFactor + " ISR",
        () -> {
          TopicDescription description =
              get(admin().describeTopics(List.of(name)).allTopicNames()).get(name);
          Collection<TopicPartitionInfo> infos = description.partitions();
          return infos.size() == partitions
              && infos.stream()
                  .allMatch(p -> p.leader() != null && p.isr().size() == replicationFactor);
        });
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Polls {@code condition} until it holds or {@code timeout} passes. A condition that throws an
   * {@link IllegalStateException} fails the wait at once; other exceptions count as "not yet" (the
   * broker may simply not be listening yet).
   */
  static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            String.format("timed out after %s waiting for %s", timeout, what), last);
      }
      try {
        Thread.sleep(POLL.toMillis()); // the poll interval between checks, not a guess at readiness
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Gets a future's value with a bounded wait; failures become unchecked "not yet" exceptions. */
  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new RuntimeException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted talking to the broker", e);
    }
  }
}
