package dev.sluice.streams;

import java.util.Set;

/**
 * The immutable result of {@link StreamsBuilder#build()}: sub-topologies of named steps, their
 * source and sink topics. The test driver and the Kafka runtime both run a topology as tasks, one
 * per sub-topology and input partition.
 */
public interface Topology {

  /**
   * The topics read by name (pattern sources are listed in {@link #describe()}), including the
   * internal repartition topics (named without the application-id prefix until the runtime binds
   * the topology to its application id). Global tables' topics are not among them: every instance
   * reads those in full, outside the consumer group, and {@link #describe()} lists them.
   *
   * @return the source topics
   */
  Set<String> sourceTopics();

  /**
   * The fixed topics written (topics chosen per record are not known in advance), including the
   * internal repartition topics but not the changelogs, which stores write.
   *
   * @return the sink topics
   */
  Set<String> sinkTopics();

  /**
   * How many independent sub-topologies the steps form.
   *
   * @return the sub-topology count
   */
  int subTopologyCount();

  /**
   * A stable description: same topology, same text.
   *
   * @return the description
   */
  TopologyDescription describe();
}
