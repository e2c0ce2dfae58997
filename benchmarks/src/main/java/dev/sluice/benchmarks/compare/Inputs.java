package dev.sluice.benchmarks.compare;

import dev.sluice.benchmarks.engine.W1Records;
import java.nio.charset.StandardCharsets;

/**
 * Pre-serialized input for one topic, generated before any timing.
 *
 * @param keys serialized keys
 * @param values serialized values
 * @param timestamps record timestamps
 */
record Inputs(byte[][] keys, byte[][] values, long[] timestamps) {

  /**
   * W1's values and timestamps ({@code "o{i},{amount},{status}"} at T0+10·i) with keys {@code
   * prefix + (i % modulus)}.
   *
   * @param prefix key prefix
   * @param modulus distinct keys
   * @param count how many records
   * @return the records
   */
  static Inputs orders(String prefix, int modulus, int count) {
    W1Records w1 = new W1Records(count);
    byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = utf8(prefix + (i % modulus));
    }
    return new Inputs(keys, w1.values, w1.timestamps);
  }

  /**
   * W4's customer table: {@code "c"+j → "customer-"+j}, timestamped before every order.
   *
   * @param count how many customers
   * @return the records
   */
  static Inputs customers(int count) {
    byte[][] keys = new byte[count][];
    byte[][] values = new byte[count][];
    long[] timestamps = new long[count];
    for (int j = 0; j < count; j++) {
      keys[j] = utf8("c" + j);
      values[j] = utf8("customer-" + j);
      timestamps[j] = W1Records.T0 - count + j;
    }
    return new Inputs(keys, values, timestamps);
  }

  /**
   * How many records.
   *
   * @return the count
   */
  int size() {
    return keys.length;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
