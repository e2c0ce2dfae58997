package dev.sluice.testdriver.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * One combined broker+controller node running inside this JVM.
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #close} is idempotent. A
 * fatal broker fault cannot halt the test JVM (see {@link KafkaInternals}), but it leaves the
 * broker unusable, so tests then fail on their own timeouts.
 */
final class InProcessKafka implements EmbeddedKafka {

  private static final int NODE_ID = 1;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final String clusterId;
  private final String bootstrapServers;
  private AutoCloseable server;
  private ClusterAdmin admin;

  private InProcessKafka(Path dir, String clusterId, String bootstrapServers) {
    this.dir = dir;
    this.clusterId = clusterId;
    this.bootstrapServers = bootstrapServers;
  }

  static InProcessKafka start() {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce();
      } catch (RuntimeException e) {
        if (attempt == BrokerProperties.START_ATTEMPTS || !BrokerProperties.portTaken(e)) {
          throw e;
        }
        // A port picked as free was taken before the broker bound it: pick new ones.
      }
    }
  }

  private static InProcessKafka startOnce() {
    Path dir = Reaper.newDirectory("sluice-kafka-");
    int[] ports = BrokerProperties.freePorts(2);
    String voters = NODE_ID + "@" + BrokerProperties.HOST + ":" + ports[1];
    Properties props =
        BrokerProperties.node(NODE_ID, ports[0], ports[1], voters, dir.resolve("data"), 1);
    InProcessKafka kafka =
        new InProcessKafka(
            dir, Uuid.randomUuid().toString(), BrokerProperties.HOST + ":" + ports[0]);
    try {
      KafkaInternals.format(
          BrokerProperties.write(props, dir.resolve("server.properties")), kafka.clusterId);
      kafka.server = KafkaInternals.startInProcess(props);
      kafka.admin = new ClusterAdmin(kafka.bootstrapServers, kafka.clusterId);
      kafka.admin.awaitNodes(Set.of(NODE_ID), START_TIMEOUT, () -> {});
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
    return 1;
  }

  @Override
  public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configs, "configs");
    if (admin == null) {
      throw new IllegalStateException("cannot create topic " + name + ": " + this + " is closed");
    }
    admin.createTopic(name, partitions, 1, configs);
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        // close() promises not to throw: the test's own failure is the one worth reporting.
      }
      server = null;
    }
    Reaper.delete(dir);
  }

  @Override
  public String toString() {
    return "EmbeddedKafka.inProcess(" + bootstrapServers + ", cluster " + clusterId + ")";
  }
}
