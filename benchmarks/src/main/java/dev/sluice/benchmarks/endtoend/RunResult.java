package dev.sluice.benchmarks.endtoend;

/**
 * One timed run.
 *
 * @param workload the workload name
 * @param system the system name
 * @param round 1-based round
 * @param records input records processed
 * @param elapsedNanos from application start until every input offset was committed; 0 if failed
 * @param appCpuNanos CPU time of the application's JVM over the same span
 * @param appJitMillis time the application JVM's JIT compilers spent over the same span
 * @param brokerCpuNanos CPU time of the harness JVM (the broker, and the harness polling offsets)
 *     over the same span
 * @param stealShare the share of the machine's CPU time stolen by the hypervisor for other guests
 *     over the same span (see {@link dev.sluice.benchmarks.CpuTimes}), NaN if unknown
 * @param outputs output records written
 * @param failure why the run failed, or null
 */
record RunResult(
    String workload,
    String system,
    int round,
    long records,
    long elapsedNanos,
    long appCpuNanos,
    long appJitMillis,
    long brokerCpuNanos,
    double stealShare,
    long outputs,
    String failure) {

  static RunResult failed(String workload, String system, int round, String failure) {
    return new RunResult(workload, system, round, 0, 0, 0, 0, 0, Double.NaN, 0, failure);
  }

  boolean succeeded() {
    return failure == null;
  }

  /**
   * Input records per second of the timed part.
   *
   * @return throughput, or 0 for a failed run
   */
  double recordsPerSecond() {
    return succeeded() ? records * 1e9 / elapsedNanos : 0;
  }

  /**
   * CPU time of the application's JVM per input record, over the timed part.
   *
   * @return microseconds, or NaN for a failed run
   */
  double appCpuMicrosPerRecord() {
    return succeeded() ? appCpuNanos / 1e3 / records : Double.NaN;
  }

  /**
   * CPU time of the broker's JVM per input record, over the timed part.
   *
   * @return microseconds, or NaN for a failed run
   */
  double brokerCpuMicrosPerRecord() {
    return succeeded() ? brokerCpuNanos / 1e3 / records : Double.NaN;
  }
}
