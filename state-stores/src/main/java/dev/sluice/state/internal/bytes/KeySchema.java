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
 *   <li>Session: {@code escaped(key) ++ end(8) ++ start(8)}; the time is the session end. Each
 *       session also has a time-index entry {@code 0x00 0x00 ++ end(8) ++ start(8) ++ escaped(key)}
 *       in the same segment (see {@link #timeIndexKey}), so sessions can be read in end order
 *       across keys. No escaped key starts with {@code 0x00 0x00} (a zero byte is always followed
 *       by {@code 0xFF} or {@code 0x01}), so index entries sort before every session key of their
 *       segment and never collide with one.
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

  /** The lowest session key: every session key is at or above it, every index entry below it. */
  static final byte[] FIRST_SESSION_KEY = {0, 1};

  private static final int INDEX_PREFIX = 2;

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
      case SESSION ->
          isTimeIndexKey(key)
              ? Bytes.getLong(key, INDEX_PREFIX)
              : Bytes.getLong(key, key.length - 16);
    };
  }

  /**
   * Whether a key is a session store's time-index entry rather than a session.
   *
   * @param key a store key
   * @return true for {@code 0x00 0x00 ...} keys of a session schema
   */
  public boolean isTimeIndexKey(byte[] key) {
    return kind == Kind.SESSION && key.length >= INDEX_PREFIX && key[0] == 0 && key[1] == 0;
  }

  /**
   * The time-index entry of a session key: {@code 0x00 0x00 ++ end ++ start ++ escaped(key)}.
   *
   * @param sessionKey {@code escaped(key) ++ end ++ start}
   * @return the index key, in the session's segment
   */
  public static byte[] timeIndexKey(byte[] sessionKey) {
    int escaped = sessionKey.length - 16;
    byte[] index = new byte[sessionKey.length + INDEX_PREFIX];
    System.arraycopy(sessionKey, escaped, index, INDEX_PREFIX, 16);
    System.arraycopy(sessionKey, 0, index, INDEX_PREFIX + 16, escaped);
    return index;
  }

  /**
   * The session key a time-index entry stands for; reverses {@link #timeIndexKey}.
   *
   * @param indexKey the index key
   * @return the session key
   */
  public static byte[] sessionKeyOf(byte[] indexKey) {
    int escaped = indexKey.length - INDEX_PREFIX - 16;
    byte[] session = new byte[escaped + 16];
    System.arraycopy(indexKey, INDEX_PREFIX + 16, session, 0, escaped);
    System.arraycopy(indexKey, INDEX_PREFIX, session, escaped, 16);
    return session;
  }

  /**
   * The first time-index key of sessions ending at or after a time: an inclusive lower bound, or an
   * exclusive upper bound for sessions ending before it.
   *
   * @param end a session end, {@code >= 0}
   * @return {@code 0x00 0x00 ++ end}; for {@code Long.MAX_VALUE}, the end of the whole index
   */
  public static byte[] timeIndexBound(long end) {
    if (end == Long.MAX_VALUE) {
      return FIRST_SESSION_KEY;
    }
    byte[] bound = new byte[INDEX_PREFIX + 8];
    Bytes.putLong(bound, INDEX_PREFIX, end);
    return bound;
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
   * @return e.g. {@code KEY_VALUE}, {@code WINDOW;segment=60000} or {@code
   *     SESSION;segment=60000;index=end} (session directories written before the time index have no
   *     {@code index} part, so they are rebuilt from the changelog rather than read without one)
   */
  public String descriptor() {
    return switch (kind) {
      case KEY_VALUE -> kind.toString();
      case WINDOW -> kind + ";segment=" + segmentInterval;
      case SESSION -> kind + ";segment=" + segmentInterval + ";index=end";
    };
  }
}
