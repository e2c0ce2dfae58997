package dev.sluice.state.internal.bytes;

import dev.sluice.state.internal.Checks;
import java.util.Comparator;

/**
 * How a store kind lays out its keys and splits them into time segments.
 *
 * <ul>
 *   <li>Key-value: the serialized key, unsegmented (segment 0).
 *   <li>Window: {@code escaped(key) ++ windowStart(8 bytes, big-endian)}; the time is the window
 *       start.
 *   <li>Session: {@code escaped(key) ++ end(8) ++ start(8)}; the time is the session end.
 * </ul>
 *
 * <p>A timed key's segment is {@code time / segmentInterval}. Stores order keys by segment, then
 * unsigned bytes; a segment is dropped whole once it is older than stream time minus retention. The
 * {@link #descriptor()} is stored in the store directory, so reopening a directory with another
 * kind or segment interval is detected.
 */
public final class KeySchema {

  /** The store kinds. */
  public enum Kind {
    /** Key-value store. */
    KEY_VALUE,
    /** Window store. */
    WINDOW,
    /** Session store. */
    SESSION
  }

  private static final KeySchema KEY_VALUE = new KeySchema(Kind.KEY_VALUE, 1, Long.MAX_VALUE);

  private final Kind kind;
  private final long segmentInterval;
  private final long retention;
  private final Comparator<byte[]> order;

  private KeySchema(Kind kind, long segmentInterval, long retention) {
    this.kind = kind;
    this.segmentInterval = segmentInterval;
    this.retention = retention;
    this.order =
        kind == Kind.KEY_VALUE
            ? Bytes::compare
            : Comparator.<byte[]>comparingLong(this::segmentOf).thenComparing(Bytes::compare);
  }

  /**
   * The key-value schema.
   *
   * @return the schema
   */
  public static KeySchema keyValue() {
    return KEY_VALUE;
  }

  /**
   * A timed schema.
   *
   * @param kind {@link Kind#WINDOW} or {@link Kind#SESSION}
   * @param retention retention in milliseconds, {@code > 0}
   * @param segmentInterval segment length in milliseconds, {@code > 0}
   * @return the schema
   */
  public static KeySchema timed(Kind kind, long retention, long segmentInterval) {
    Checks.checkArgument(kind != Kind.KEY_VALUE, "BUG: key-value stores are not segmented");
    Checks.checkArgument(
        segmentInterval > 0 && retention > 0,
        "Segment interval %s and retention %s must be positive",
        segmentInterval,
        retention);
    return new KeySchema(kind, segmentInterval, retention);
  }

  /**
   * The kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Whether keys are split into time segments.
   *
   * @return false for key-value stores
   */
  public boolean segmented() {
    return kind != Kind.KEY_VALUE;
  }

  /**
   * The retention in milliseconds.
   *
   * @return the retention
   */
  public long retention() {
    return retention;
  }

  /**
   * The time of a timed key: window start or session end.
   *
   * @param key the store key
   * @return the time, or 0 for key-value keys
   */
  public long timeOf(byte[] key) {
    return switch (kind) {
      case KEY_VALUE -> 0;
      case WINDOW -> Bytes.getLong(key, key.length - 8);
      case SESSION -> Bytes.getLong(key, key.length - 16);
    };
  }

  /**
   * The segment of a key.
   *
   * @param key the store key
   * @return the segment id, 0 for key-value keys
   */
  public long segmentOf(byte[] key) {
    return segmentOfTime(timeOf(key));
  }

  /**
   * The segment holding a time.
   *
   * @param time epoch milliseconds
   * @return the segment id
   */
  public long segmentOfTime(long time) {
    return segmented() ? Math.max(0, time) / segmentInterval : 0;
  }

  /**
   * The first time a segment holds.
   *
   * @param segmentId the segment
   * @return epoch milliseconds
   */
  public long segmentStart(long segmentId) {
    return segmentId * segmentInterval;
  }

  /**
   * The oldest segment still live at a stream time; older ones are dropped.
   *
   * @param streamTime the largest time seen so far
   * @return the lowest live segment id
   */
  public long minLiveSegment(long streamTime) {
    if (!segmented() || streamTime - retention < 0) {
      return 0;
    }
    return (streamTime - retention) / segmentInterval;
  }

  /**
   * The order of keys in the store: segment, then unsigned bytes.
   *
   * @return the comparator
   */
  public Comparator<byte[]> order() {
    return order;
  }

  /**
   * Whether a key is inside a range: in one of its segments and inside its key bounds.
   *
   * @param key the key
   * @param range the range
   * @return true if the range covers the key
   */
  public boolean covers(BytesRange range, byte[] key) {
    if (!range.containsKey(key)) {
      return false;
    }
    long segment = segmentOf(key);
    return segment >= segmentOfTime(range.timeFrom()) && segment <= segmentOfTime(range.timeTo());
  }

  /**
   * The layout descriptor stored in the store directory.
   *
   * @return e.g. {@code KEY_VALUE} or {@code WINDOW;segment=60000}
   */
  public String descriptor() {
    return segmented() ? kind + ";segment=" + segmentInterval : kind.toString();
  }
}
