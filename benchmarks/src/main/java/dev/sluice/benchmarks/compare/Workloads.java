package dev.sluice.benchmarks.compare;

import java.time.Duration;

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

  /** W3: input records. */
  static final int W3_RECORDS = 1_000_000;

  /** W3: distinct keys {@code "k"+(i%10000)}. */
  static final int W3_KEYS = 10_000;

  /** W3: tumbling windows of one minute, no grace. */
  static final Duration W3_WINDOW = Duration.ofMinutes(1);

  /** W3: the window store. */
  static final String W3_STORE = "window-counts";

  /** W4: customers in the table, loaded first. */
  static final int W4_CUSTOMERS = 100_000;

  /** W4: orders joined with the table. */
  static final int W4_ORDERS = 1_000_000;

  /** W4: input records, table records included; one benchmark operation each. */
  static final int W4_RECORDS = W4_CUSTOMERS + W4_ORDERS;

  /** W4: the table's store. */
  static final String W4_STORE = "customers-store";

  private Workloads() {}

  /**
   * W2's input.
   *
   * @return 10⁶ records keyed {@code "k"+(i%100000)}
   */
  static Inputs w2() {
    return Inputs.orders("k", W2_KEYS, W2_RECORDS);
  }

  /**
   * W3's input.
   *
   * @return 10⁶ records keyed {@code "k"+(i%10000)} at T0+10·i
   */
  static Inputs w3() {
    return Inputs.orders("k", W3_KEYS, W3_RECORDS);
  }

  /**
   * W4's table input.
   *
   * @return {@code "c"+j → "customer-"+j} for 100,000 customers
   */
  static Inputs w4Customers() {
    return Inputs.customers(W4_CUSTOMERS);
  }

  /**
   * W4's stream input.
   *
   * @return 10⁶ orders keyed {@code "c"+(i%100000)}
   */
  static Inputs w4Orders() {
    return Inputs.orders("c", W4_CUSTOMERS, W4_ORDERS);
  }
}
