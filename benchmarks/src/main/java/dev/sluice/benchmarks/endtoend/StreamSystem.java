package dev.sluice.benchmarks.endtoend;

/** A system under test: something that runs a workload as a consumer-group application. */
interface StreamSystem {

  /**
   * The name in the report and in topic names, e.g. {@code sluice}.
   *
   * @return the name
   */
  String name();

  /**
   * Starts the workload; the timed part of a run begins just before this call.
   *
   * @param workload what to run
   * @param topics where, with the group id to commit under
   * @param commitIntervalMs how often to commit input offsets
   * @return the running application; closing it stops it
   */
  RunningApp start(Workload workload, RunTopics topics, long commitIntervalMs);

  /** A started application. */
  interface RunningApp extends AutoCloseable {

    /**
     * Why the application stopped on its own, if it did.
     *
     * @return a description of the failure, or null while it is healthy
     */
    String failure();

    /** Stops the application, waiting a bounded time; never throws. */
    @Override
    void close();
  }
}
