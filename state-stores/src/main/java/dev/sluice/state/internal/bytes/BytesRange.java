package dev.sluice.state.internal.bytes;

/**
 * A query box over a {@link BytesStore}: the segments covering {@code [timeFrom, timeTo]} and,
 * inside each segment, keys in {@code [lower, upper)} by unsigned byte order.
 *
 * @param lower inclusive lower key bound, or null for unbounded
 * @param upper exclusive upper key bound, or null for unbounded
 * @param timeFrom earliest time whose segment is visited (ignored by unsegmented stores)
 * @param timeTo latest time whose segment is visited (ignored by unsegmented stores)
 */
public record BytesRange(byte[] lower, byte[] upper, long timeFrom, long timeTo) {

  /** Every key of every segment. */
  public static final BytesRange ALL = new BytesRange(null, null, 0, Long.MAX_VALUE);

  /**
   * A key range over all segments.
   *
   * @param lower inclusive lower bound or null
   * @param upper exclusive upper bound or null
   * @return the range
   */
  public static BytesRange keys(byte[] lower, byte[] upper) {
    return new BytesRange(lower, upper, 0, Long.MAX_VALUE);
  }

  /**
   * Whether a key lies inside the key bounds (segments not considered).
   *
   * @param key the key
   * @return true if {@code lower <= key < upper}
   */
  public boolean containsKey(byte[] key) {
    return (lower == null || Bytes.compare(key, lower) >= 0)
        && (upper == null || Bytes.compare(key, upper) < 0);
  }
}
