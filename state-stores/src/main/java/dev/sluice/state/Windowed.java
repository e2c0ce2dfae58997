package dev.sluice.state;

/**
 * A key together with the time window (or session) it belongs to.
 *
 * @param key the record key
 * @param start window or session start, epoch milliseconds, inclusive, {@code >= 0}
 * @param end window end (exclusive, {@code start + windowSize}) for window stores; session end
 *     (inclusive, time of the last record) for session stores
 * @param <K> key type
 */
public record Windowed<K>(K key, long start, long end) {

  /**
   * Validates the window bounds.
   *
   * @throws IllegalArgumentException if the key is null, start is negative or end is before start
   */
  public Windowed {
    if (key == null) {
      throw new IllegalArgumentException("Windowed key must not be null");
    }
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "Window [%s, %s] is invalid: start must be >= 0 and end >= start".formatted(start, end));
    }
  }

  /**
   * Creates a windowed key.
   *
   * @param key the key
   * @param start window or session start
   * @param end window or session end
   * @param <K> key type
   * @return the windowed key
   */
  public static <K> Windowed<K> of(K key, long start, long end) {
    return new Windowed<>(key, start, end);
  }
}
