package dev.sluice.testdriver.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * One or more combined broker+controller nodes, each in its own child JVM, that a test can kill
 * with {@code kill -9} and restart on the same data and ports.
 *
 * <p>Nodes are numbered from 0 to {@code nodeCount() - 1} (their Kafka node ids are one higher).
 * All nodes start in parallel and are killed together on {@link #close}. Child JVMs are killed by a
 * shutdown hook if a test forgets to close, and halt themselves if this JVM dies without running
 * hooks.
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #close} is idempotent.
 */
public final class ChildProcessKafka implements EmbeddedKafka {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final String clusterId;
  private final List<ChildBroker> nodes;
  private final String bootstrapServers;
  private ClusterAdmin admin;

  private ChildProcessKafka(Path dir, String clusterId, List<ChildBroker> nodes) {
    this.dir = dir;
    this.clusterId = clusterId;
    this.nodes = List.copyOf(nodes);
    this.bootstrapServers =
        nodes.stream()
            .map(node -> BrokerProperties.HOST + ":" + node.brokerPort())
            .collect(Collectors.joining(","));
  }

  static ChildProcessKafka start(int nodeCount) {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(nodeCount);
      } catch (RuntimeException e) {
        if (attempt == BrokerProperties.START_ATTEMPTS || !BrokerProperties.portTaken(e)) {
          throw e;
        }
        // A port picked as free was taken before the broker bound it: pick new ones.
      }
    }
  }

  private static ChildProcessKafka startOnce(int nodeCount) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException(
          "a Kafka cluster needs at least 1 node, but nodeCount was " + nodeCount);
    }
    Path dir = Reaper.newDirectory("sluice-kafka-");
    int[] ports = BrokerProperties.freePorts(2 * nodeCount);
    StringBuilder voters = new StringBuilder();
    for (int i = 0; i < nodeCount; i++) {
      voters.append(i == 0 ? "" : ",").append(i + 1).append('@');
      voters.append(BrokerProperties.HOST).append(':').append(ports[2 * i + 1]);
    }
    String clusterId = Uuid.randomUuid().toString();
    List<ChildBroker> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      Path nodeDir = dir.resolve("node-" + (i + 1));
      Path propsFile =
          BrokerProperties.write(
              BrokerProperties.node(
                  i + 1,
                  ports[2 * i],
                  ports[2 * i + 1],
                  voters.toString(),
                  nodeDir.resolve("data"),
                  nodeCount),
              createDirectory(nodeDir).resolve("server.properties"));
      nodes.add(new ChildBroker(i + 1, ports[2 * i], propsFile, clusterId));
    }
    ChildProcessKafka kafka = new ChildProcessKafka(dir, clusterId, nodes);
    try {
      // Launching returns at once, so the JVMs boot and form the quorum in parallel.
      nodes.forEach(ChildBroker::start);
      kafka.admin = new ClusterAdmin(kafka.bootstrapServers, clusterId);
      kafka.admin.awaitNodes(kafka.nodeIds(), START_TIMEOUT, kafka::checkRunning);
      return kafka;
    } catch (RuntimeException | Error e) {
      kafka.close();
      throw e;
    }
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public String clusterId() {
    return clusterId;
  }

  @Override
  public int nodeCount() {
    return nodes.size();
  }

  @Override
  public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configs, "configs");
    if (admin == null) {
      throw new IllegalStateException("cannot create topic " + name + ": " + this + " is closed");
    }
    admin.createTopic(name, partitions, Math.min(3, nodes.size()), configs);
  }

  /**
   * The client port of a node, which stays the same across {@link #restart(int)}.
   *
   * @param node the node index, from 0
   * @return the port on 127.0.0.1
   */
  public int port(int node) {
    return node(node).brokerPort();
  }

  /**
   * The process id of a node's current (or, after a kill, last) JVM.
   *
   * @param node the node index, from 0
   * @return the pid
   */
  public long pid(int node) {
    return node(node).pid();
  }

  /**
   * Whether a node's JVM is running.
   *
   * @param node the node index, from 0
   * @return true until the node is killed or the cluster closed
   */
  public boolean isRunning(int node) {
    return node(node).isRunning();
  }

  /**
   * Kills the only node with SIGKILL and waits until its process is gone.
   *
   * @throws IllegalStateException if there is more than one node (say which with {@link
   *     #killHard(int)})
   */
  public void killHard() {
    killHard(single("killHard"));
  }

  /**
   * Kills a node with SIGKILL ({@code kill -9}, no controlled shutdown, no flush) and waits until
   * its process is gone. Its data directory is kept for {@link #restart(int)}.
   *
   * @param node the node index, from 0
   */
  public void killHard(int node) {
    node(node).killHard();
  }

  /**
   * Restarts the only node after {@link #killHard()}.
   *
   * @throws IllegalStateException if there is more than one node, or the node is running
   */
  public void restart() {
    restart(single("restart"));
  }

  /**
   * Starts a killed node again on its data directory and ports, and waits until it answers and
   * every node not killed is registered.
   *
   * @param node the node index, from 0
   * @throws IllegalStateException if the node is running, or does not answer within 60 s
   */
  public void restart(int node) {
    ChildBroker broker = node(node);
    broker.start();
    // Ask the restarted node itself: the others may still list it until its old session expires.
    try (ClusterAdmin direct =
        new ClusterAdmin(BrokerProperties.HOST + ":" + broker.brokerPort(), clusterId)) {
      direct.awaitNodes(nodeIds(), START_TIMEOUT, this::checkRunning);
    }
  }

  /**
   * Kills every node with SIGKILL, waits until their processes are gone, and deletes their data.
   *
   * <p>Not a graceful shutdown: the data is deleted right after, so a controlled shutdown would buy
   * nothing, and for a whole cluster it costs seconds (measured about 6 s for 3 nodes, as the last
   * nodes lose their controller quorum while moving leaders).
   */
  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    nodes.forEach(ChildBroker::signalKill);
    for (ChildBroker node : nodes) {
      try {
        node.killHard();
      } catch (RuntimeException e) {
        // close() promises not to throw; the shutdown hook retries on JVM exit.
      }
    }
    Reaper.delete(dir);
  }

  @Override
  public String toString() {
    return String.format(
        "EmbeddedKafka.cluster(%s nodes at %s, cluster %s)",
        nodes.size(), bootstrapServers, clusterId);
  }

  private ChildBroker node(int node) {
    if (node < 0 || node >= nodes.size()) {
      throw new IllegalArgumentException(
          String.format("node index %s is outside 0..%s of %s", node, nodes.size() - 1, this));
    }
    return nodes.get(node);
  }

  private int single(String operation) {
    if (nodes.size() != 1) {
      throw new IllegalStateException(
          String.format(
              "%s() needs a single-node cluster, but %s has %s nodes: use %s(nodeIndex)",
              operation, this, nodes.size(), operation));
    }
    return 0;
  }

  /** The ids of the nodes that should answer: all but those killed and not restarted. */
  private Set<Integer> nodeIds() {
    return nodes.stream()
        .filter(ChildBroker::expectedUp)
        .map(ChildBroker::nodeId)
        .collect(Collectors.toSet());
  }

  /** Fails fast, with the node's log tail, if a node that should be up has died. */
  private void checkRunning() {
    nodes.forEach(ChildBroker::checkRunning);
  }

  private static Path createDirectory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create broker directory " + path, e);
    }
  }
}
