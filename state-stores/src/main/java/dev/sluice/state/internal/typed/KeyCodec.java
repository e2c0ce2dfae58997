package dev.sluice.state.internal.typed;

import dev.sluice.state.internal.Checks;
import dev.sluice.state.internal.bytes.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Store key encodings of timed stores.
 *
 * <p>The serialized user key is escaped so that it is prefix-free and keeps its byte order: each
 * {@code 0x00} becomes {@code 0x00 0xFF} and the key ends with {@code 0x00 0x01}. Then {@code
 * escaped(a) ++ x < escaped(b) ++ y} exactly when {@code a < b}, or {@code a == b} and {@code x <
 * y}, so (key, time) ranges are contiguous byte ranges. Window keys are {@code escaped(key) ++
 * start}; session keys are {@code escaped(key) ++ end ++ start}; times are 8-byte big-endian,
 * non-negative.
 */
public final class KeyCodec {

  private KeyCodec() {}

  /**
   * Escapes a serialized key.
   *
   * @param raw the serialized key
   * @return the prefix-free form
   */
  public static byte[] escape(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 4);
    for (byte b : raw) {
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
    out.write(0);
    out.write(1);
    return out.toByteArray();
  }

  /**
   * Reverses {@link #escape} for the escaped key that occupies {@code encoded[0, end)}.
   *
   * @param encoded the store key
   * @param end where the escaped key ends
   * @return the serialized user key
   */
  public static byte[] unescape(byte[] encoded, int end) {
    byte[] raw = new byte[end];
    int length = 0;
    for (int i = 0; i < end; i++) {
      if (encoded[i] != 0) {
        raw[length++] = encoded[i];
      } else if (encoded[i + 1] == 1) {
        Checks.checkState(i + 2 == end, "BUG: escaped key ends at %s, expected %s", i + 2, end);
        return Arrays.copyOf(raw, length);
      } else {
        raw[length++] = 0; // 0x00 0xFF is an escaped zero byte
        i++;
      }
    }
    throw Checks.bug("escaped key %s has no terminator", Bytes.hex(encoded));
  }

  /**
   * A store key: escaped key followed by times.
   *
   * @param escaped the escaped key
   * @param times the times, each {@code >= 0}
   * @return the store key
   */
  public static byte[] timedKey(byte[] escaped, long... times) {
    byte[] key = Arrays.copyOf(escaped, escaped.length + 8 * times.length);
    for (int i = 0; i < times.length; i++) {
      Bytes.putLong(key, escaped.length + 8 * i, times[i]);
    }
    return key;
  }
}
