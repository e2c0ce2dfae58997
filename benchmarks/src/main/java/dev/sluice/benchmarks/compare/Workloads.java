package dev.sluice.benchmarks.compare;

/**
 * The sizes and names both halves of a stateful workload share, so that Kafka Streams and Sluice
 * run exactly the same input.
 */
final class Workloads {
  /** W2: input records. */
  static final int W2_RECORDS = 1_000_000;

  /** W2: distinct keys {@code "k"+(i%100000)}. */
  static final int W2_KEYS = 100_000;

  /** W2: the count store, named so both drivers can read it. */
  static final String W2_STORE = "counts";

  private Workloads() {}

  /**
   * W2's input.
   *
   * @return 10⁶ records keyed {@code "k"+(i%100000)}
   */
  static Inputs w2() {
    return Inputs.orders("k", W2_KEYS, W2_RECORDS);
  }
}
