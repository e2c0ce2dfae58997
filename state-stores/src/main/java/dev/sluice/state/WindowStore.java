package dev.sluice.state;

import java.time.Duration;

/**
 * Values per key and fixed-size time window, kept for a retention period.
 *
 * <p>Data is kept in time segments; a segment is dropped as a whole once all its windows are older
 * than the observed stream time minus the retention, so a window may stay readable a bit longer
 * than the retention (at most one segment interval). Fetches for one key return windows in
 * start-time order. Multi-key fetches return entries grouped by segment, within a segment by
 * serialized key then window start. Timestamps are epoch milliseconds, {@code >= 0}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface WindowStore<K, V> extends StateStore {

  /**
   * Writes the value of a window; a null value deletes it. Writes to already expired segments are
   * ignored.
   *
   * @param key the key, not null
   * @param value the value, or null to delete
   * @param windowStart the window start, {@code >= 0}
   */
  void put(K key, V value, long windowStart);

  /**
   * Reads one window.
   *
   * @param key the key, not null
   * @param windowStart the window start
   * @return the value, or null
   */
  V fetch(K key, long windowStart);

  /**
   * The windows of one key whose start is in {@code [timeFrom, timeTo]}, by start time.
   *
   * @param key the key, not null
   * @param timeFrom earliest window start, inclusive
   * @param timeTo latest window start, inclusive
   * @return an iterator of (window start, value) to close
   */
  KeyValueIterator<Long, V> fetch(K key, long timeFrom, long timeTo);

  /**
   * The windows of keys in {@code [keyFrom, keyTo]} (serialized byte order) whose start is in
   * {@code [timeFrom, timeTo]}.
   *
   * @param keyFrom lowest key, inclusive; null for unbounded
   * @param keyTo highest key, inclusive; null for unbounded
   * @param timeFrom earliest window start, inclusive
   * @param timeTo latest window start, inclusive
   * @return an iterator to close
   */
  KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

  /**
   * All windows whose start is in {@code [timeFrom, timeTo]}.
   *
   * @param timeFrom earliest window start, inclusive
   * @param timeTo latest window start, inclusive
   * @return an iterator to close
   */
  KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

  /**
   * The window size; a window's end is its start plus this size.
   *
   * @return the window size
   */
  Duration windowSize();

  /**
   * How long windows are kept after the stream time passed them.
   *
   * @return the retention
   */
  Duration retention();
}
