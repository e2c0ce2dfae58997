package dev.sluice.state.internal.bytes;

import java.util.Arrays;
import java.util.HexFormat;

/** Unsigned byte-array order and the bound arithmetic the stores need. */
public final class Bytes {

  private Bytes() {}

  /**
   * Unsigned lexicographic comparison, the order RocksDB's default comparator uses.
   *
   * @param a first array
   * @param b second array
   * @return negative, zero or positive
   */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /**
   * The smallest array greater than every array that starts with {@code prefix}, or null if no such
   * array exists (the prefix is empty or all {@code 0xFF}).
   *
   * @param prefix the prefix
   * @return the exclusive upper bound of the prefix, or null
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  /**
   * The smallest array greater than {@code key}: turns an inclusive upper bound into an exclusive
   * one.
   *
   * @param key the key
   * @return {@code key} followed by one zero byte
   */
  public static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  /**
   * Hex form for messages.
   *
   * @param bytes the bytes
   * @return hex string, shortened after 32 bytes
   */
  public static String hex(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    return bytes.length <= 32
        ? HexFormat.of().formatHex(bytes)
        : HexFormat.of().formatHex(bytes, 0, 32) + "...(" + bytes.length + " bytes)";
  }

  /**
   * Writes a long big-endian.
   *
   * @param target the array
   * @param offset where to write
   * @param value the value
   */
  public static void putLong(byte[] target, int offset, long value) {
    for (int i = 7; i >= 0; i--) {
      target[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  /**
   * Reads a big-endian long.
   *
   * @param source the array
   * @param offset where to read
   * @return the value
   */
  public static long getLong(byte[] source, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (source[offset + i] & 0xFF);
    }
    return value;
  }
}
