package dev.sluice.testdriver.kafka;

import java.util.Map;

/**
 * A real Apache Kafka KRaft cluster on free 127.0.0.1 ports, for integration tests and examples.
 *
 * <p>Three flavours, all started from the {@code org.apache.kafka:kafka_2.13} jar, which is an
 * optional dependency of this module: add it (same version as {@code kafka-clients}) to use them.
 *
 * <ul>
 *   <li>{@link #inProcess()}: one node in this JVM, the fastest (about 2 s to start). A broker in
 *       the test JVM cannot be {@code kill -9}ed.
 *   <li>{@link #childProcess()}: one node in a child JVM, which a test can {@link
 *       ChildProcessKafka#killHard() kill -9} and {@link ChildProcessKafka#restart() restart}.
 *   <li>{@link #cluster(int)}: several nodes, each in its own child JVM, for failover tests.
 * </ul>
 *
 * <p>Every node is a combined broker+controller. Closing stops everything the instance started and
 * deletes its data; child JVMs are also killed by a shutdown hook if a test forgets to close, and
 * halt themselves when the test JVM is gone.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
 *   kafka.createTopic("orders", 4);
 *   Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
 *   // ... produce and consume ...
 * }
 * }</pre>
 */
public interface EmbeddedKafka extends AutoCloseable {

  /**
   * Starts one broker+controller node in this JVM and waits until it answers.
   *
   * @return the running node; close it to stop it
   * @throws IllegalStateException if it does not answer within 60 s
   */
  static EmbeddedKafka inProcess() {
    return InProcessKafka.start();
  }

  /**
   * Starts one broker+controller node in a child JVM and waits until it answers.
   *
   * @return the running node; close it to stop it
   * @throws IllegalStateException if it does not answer within 60 s
   */
  static ChildProcessKafka childProcess() {
    return ChildProcessKafka.start(1);
  }

  /**
   * Starts {@code nodes} broker+controller nodes, each in its own child JVM, in parallel, and waits
   * until all of them answer. Internal topics are replicated {@code min(3, nodes)} times.
   *
   * @param nodes the number of nodes, at least 1
   * @return the running cluster; close it to stop it
   * @throws IllegalArgumentException if {@code nodes} is less than 1
   * @throws IllegalStateException if the nodes do not answer within 60 s
   */
  static ChildProcessKafka cluster(int nodes) {
    return ChildProcessKafka.start(nodes);
  }

  /**
   * The {@code bootstrap.servers} value for clients.
   *
   * @return {@code host:port} of every node, comma-separated
   */
  String bootstrapServers();

  /**
   * The cluster id the nodes were formatted with, and which they were checked to answer with.
   *
   * @return the cluster id
   */
  String clusterId();

  /**
   * The number of nodes.
   *
   * @return the number of nodes this instance started
   */
  int nodeCount();

  /**
   * Creates a topic replicated {@code min(3, nodeCount())} times and waits until every partition
   * has a leader.
   *
   * @param name the topic name
   * @param partitions the number of partitions
   */
  default void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /**
   * Creates a topic replicated {@code min(3, nodeCount())} times with topic configs (for example
   * {@code min.insync.replicas}) and waits until every partition has a leader with a full ISR.
   *
   * @param name the topic name
   * @param partitions the number of partitions
   * @param configs topic configs
   * @throws IllegalStateException if the topic cannot be created
   */
  void createTopic(String name, int partitions, Map<String, String> configs);

  /** Stops every node this instance started and deletes their data; never throws. */
  @Override
  void close();
}
