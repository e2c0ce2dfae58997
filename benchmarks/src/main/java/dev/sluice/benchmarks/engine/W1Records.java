package dev.sluice.benchmarks.engine;

import java.nio.charset.StandardCharsets;

/**
 * The W1 input, pre-serialized so generating it is never timed: record i has key {@code
 * "k"+(i%10000)}, value {@code "o{i},{amount},{status}"} with cents = (i·37) mod 10000 and amount =
 * cents/100 printed with two decimals, status NEW|PAID|SHIPPED[i%3], timestamp T0+10·i.
 */
public final class W1Records {
  /** The first timestamp. */
  public static final long T0 = 1_700_000_000_000L;

  private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED"};

  /** Serialized keys. */
  public final byte[][] keys;

  /** Serialized values. */
  public final byte[][] values;

  /** Timestamps. */
  public final long[] timestamps;

  /** How many records pass the filter (amount > 50.0). */
  public final int expectedOutputs;

  /**
   * Generates the records.
   *
   * @param count how many
   */
  public W1Records(int count) {
    keys = new byte[count][];
    values = new byte[count][];
    timestamps = new long[count];
    int passing = 0;
    for (int i = 0; i < count; i++) {
      int cents = (int) ((i * 37L) % 10_000);
      String amount = (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
      keys[i] = ("k" + (i % 10_000)).getBytes(StandardCharsets.UTF_8);
      values[i] = ("o" + i + "," + amount + "," + STATUSES[i % 3]).getBytes(StandardCharsets.UTF_8);
      timestamps[i] = T0 + 10L * i;
      if (cents > 5_000) {
        passing++;
      }
    }
    expectedOutputs = passing;
  }

  /**
   * The amount field of a W1 value.
   *
   * @param value {@code "o{i},{amount},{status}"}
   * @return the amount
   */
  public static double amount(String value) {
    int first = value.indexOf(',');
    int second = value.indexOf(',', first + 1);
    return Double.parseDouble(value.substring(first + 1, second));
  }
}
