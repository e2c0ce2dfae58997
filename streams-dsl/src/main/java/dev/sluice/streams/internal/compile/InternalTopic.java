package dev.sluice.streams.internal.compile;

import dev.sluice.streams.internal.graph.GraphBuilder;

/**
 * A topic the library creates and owns: a repartition topic between two sub-topologies, or the
 * changelog of a logged store. The runtime creates them through the Admin client before the tasks
 * start.
 *
 * <p>Names: in a topology straight from {@code StreamsBuilder.build()} the name lacks the
 * application-id prefix ({@code counts-changelog}); in a topology bound with {@link
 * CompiledTopology#forApplication(String)} it is the full topic name ({@code
 * my-app-counts-changelog}). Tasks always run a bound topology.
 *
 * @param name the topic name, see above
 * @param kind repartition or changelog
 * @param cleanupPolicy the {@code cleanup.policy} to create it with: {@code delete} for repartition
 *     topics, {@code compact} for key-value changelogs, {@code compact,delete} for window and
 *     session changelogs
 * @param writtenBy the id of the sub-topology whose tasks write it
 * @param readBy the id of the sub-topology whose tasks read it (for a changelog, the same
 *     sub-topology, which reads it only to restore); its partition count must match that
 *     sub-topology's other input topics
 * @param storeName for a changelog, the store it backs; null for a repartition topic
 * @param retentionMs for a {@code compact,delete} changelog, the store's retention: create it with
 *     a {@code retention.ms} of at least this (Kafka Streams adds a day); -1 for the broker default
 * @param partitions for a repartition topic, the partition count the user asked for ({@code
 *     Repartitioned.numberOfPartitions}); {@link GraphBuilder#DERIVED_PARTITIONS} to let the
 *     runtime size it from the topics it must be co-partitioned with
 */
public record InternalTopic(
    String name,
    Kind kind,
    String cleanupPolicy,
    int writtenBy,
    int readBy,
    String storeName,
    long retentionMs,
    int partitions) {

  /**
   * An internal topic with the broker's default retention.
   *
   * @param name the topic name
   * @param kind repartition or changelog
   * @param cleanupPolicy the {@code cleanup.policy}
   * @param writtenBy the writing sub-topology
   * @param readBy the reading sub-topology
   * @param storeName the store a changelog backs, or null
   */
  public InternalTopic(
      String name, Kind kind, String cleanupPolicy, int writtenBy, int readBy, String storeName) {
    this(name, kind, cleanupPolicy, writtenBy, readBy, storeName, -1);
  }

  /**
   * An internal topic whose partition count the runtime derives.
   *
   * @param name the topic name
   * @param kind repartition or changelog
   * @param cleanupPolicy the {@code cleanup.policy}
   * @param writtenBy the writing sub-topology
   * @param readBy the reading sub-topology
   * @param storeName the store a changelog backs, or null
   * @param retentionMs the store's retention, or -1
   */
  public InternalTopic(
      String name,
      Kind kind,
      String cleanupPolicy,
      int writtenBy,
      int readBy,
      String storeName,
      long retentionMs) {
    this(
        name,
        kind,
        cleanupPolicy,
        writtenBy,
        readBy,
        storeName,
        retentionMs,
        GraphBuilder.DERIVED_PARTITIONS);
  }

  /**
   * Whether the user fixed this topic's partition count.
   *
   * @return true for a repartition topic with {@code Repartitioned.numberOfPartitions}
   */
  public boolean fixedPartitions() {
    return partitions != GraphBuilder.DERIVED_PARTITIONS;
  }

  /** What an internal topic is for. */
  public enum Kind {
    /** Re-keyed records on their way to the stateful step that needs them co-partitioned. */
    REPARTITION,
    /** Every write of one store; compacted; read back to restore the store. */
    CHANGELOG
  }

  /**
   * A copy with the application-id prefix.
   *
   * @param applicationId the application id
   * @return the copy, named {@code <applicationId>-<name>}
   */
  InternalTopic prefixed(String applicationId) {
    return new InternalTopic(
        applicationId + "-" + name,
        kind,
        cleanupPolicy,
        writtenBy,
        readBy,
        storeName,
        retentionMs,
        partitions);
  }
}
