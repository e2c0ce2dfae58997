package dev.sluice.benchmarks.endtoend;

/** One end-to-end workload: its input, its topology in each system, and its output check. */
interface Workload {

  /**
   * The short name, e.g. {@code W1}.
   *
   * @return the name
   */
  String name();

  /**
   * What the workload computes, for the report.
   *
   * @return one sentence
   */
  String description();

  /**
   * Generates the input.
   *
   * @param count how many records
   * @return the records
   */
  InputRecords generate(int count);

  /**
   * The workload as a Sluice topology.
   *
   * @param topics the topics to read and write
   * @return the topology
   */
  dev.sluice.streams.Topology sluiceTopology(RunTopics topics);

  /**
   * The workload as a Kafka Streams topology.
   *
   * @param topics the topics to read and write
   * @return the topology
   */
  org.apache.kafka.streams.Topology kafkaStreamsTopology(RunTopics topics);

  /**
   * The workload hand-written for the raw consumer→producer loop; a new instance per run.
   *
   * @return the logic
   */
  PassthroughLogic passthroughLogic();

  /**
   * Whether the frameworks keep state for this workload (a store and its changelog topic), so that
   * the passthrough with a changelog logs what it emits, as they do.
   *
   * @return true for a stateful workload
   */
  default boolean stateful() {
    return false;
  }

  /**
   * Checks the output topic after the input offsets are committed.
   *
   * @param output reads the output topic
   * @param input what was produced
   * @return how many output records were written
   * @throws IllegalStateException if the output is wrong
   */
  long checkOutput(OutputReader output, InputRecords input);
}
