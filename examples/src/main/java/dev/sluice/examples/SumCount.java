package dev.sluice.examples;

/**
 * A running sum and count, carried as JSON: the aggregate behind an average.
 *
 * @param sum the sum of the values
 * @param count how many values
 */
public record SumCount(double sum, long count) {

  /** The empty aggregate. */
  public static final SumCount ZERO = new SumCount(0, 0);

  /**
   * This aggregate with one more value.
   *
   * @param value the value
   * @return the new aggregate
   */
  public SumCount add(double value) {
    return new SumCount(sum + value, count + 1);
  }

  /**
   * The average.
   *
   * @return sum / count
   */
  public double average() {
    return sum / count;
  }
}
