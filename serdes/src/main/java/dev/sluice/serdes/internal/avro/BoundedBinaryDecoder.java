package dev.sluice.serdes.internal.avro;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary {@link Decoder} over one byte array that checks every length and count against the
 * bytes that are left <em>before</em> allocating.
 *
 * <p>Why not Avro's {@code BinaryDecoder}: it allocates a string or bytes buffer of the length the
 * input claims and only then finds out the input is shorter, and it sizes arrays from the claimed
 * item count; its only bounds are the JVM-wide {@code org.apache.avro.limits.*} system properties,
 * which default to about 2 GiB. A 6-byte hostile record could therefore allocate gigabytes. Here a
 * claim that exceeds the remaining input fails at once with an {@link IOException} naming the
 * offset, and no global property is touched.
 *
 * <p>Invariant: {@code offset <= position <= limit}, and nothing reads outside {@code [position,
 * limit)}. Item counts are bounded by the remaining bytes because every Avro value except {@code
 * null}, a zero-length {@code fixed} and an empty record takes at least one byte; arrays and maps
 * of those zero-width types are therefore refused beyond that count.
 *
 * <p>Not thread-safe; one instance per datum.
 */
public final class BoundedBinaryDecoder extends Decoder {

  private static final int MAX_INT_VARINT_BYTES = 5;
  private static final int MAX_LONG_VARINT_BYTES = 10;

  private final byte[] buf;
  private final int limit;
  private int pos;

  /**
   * Decodes {@code buf[offset, offset + length)}.
   *
   * @param buf the input
   * @param offset where the datum starts
   * @param length how many bytes belong to it
   */
  public BoundedBinaryDecoder(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.limit = offset + length;
  }

  /**
   * How many bytes have not been read yet.
   *
   * @return the remaining byte count
   */
  public int remaining() {
    return limit - pos;
  }

  /**
   * The current read position in the array.
   *
   * @return the offset of the next byte
   */
  public int position() {
    return pos;
  }

  @Override
  public void readNull() {}

  @Override
  public boolean readBoolean() throws IOException {
    require(1, "boolean");
    byte b = buf[pos++];
    if (b == 0 || b == 1) {
      return b == 1;
    }
    throw new IOException(String.format("invalid boolean byte %s at offset %s", b, pos - 1));
  }

  @Override
  public int readInt() throws IOException {
    long raw = readVarint(MAX_INT_VARINT_BYTES, "int");
    if ((raw >>> 32) != 0) {
      throw new IOException(String.format("int varint overflows 32 bits before offset %s", pos));
    }
    int n = (int) raw;
    return (n >>> 1) ^ -(n & 1);
  }

  @Override
  public long readLong() throws IOException {
    long raw = readVarint(MAX_LONG_VARINT_BYTES, "long");
    return (raw >>> 1) ^ -(raw & 1);
  }

  /** Reads an unsigned little-endian base-128 varint of at most {@code maxBytes} bytes. */
  private long readVarint(int maxBytes, String what) throws IOException {
    long value = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (pos >= limit) {
        throw new EOFException(String.format("input ends inside a %s at offset %s", what, pos));
      }
      int b = buf[pos++] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException(
        String.format("%s varint longer than %s bytes before offset %s", what, maxBytes, pos));
  }

  @Override
  public float readFloat() throws IOException {
    require(Float.BYTES, "float");
    return Float.intBitsToFloat(littleEndianInt());
  }

  @Override
  public double readDouble() throws IOException {
    require(Double.BYTES, "double");
    long low = littleEndianInt() & 0xFFFFFFFFL;
    long high = littleEndianInt() & 0xFFFFFFFFL;
    return Double.longBitsToDouble((high << 32) | low);
  }

  private int littleEndianInt() {
    int value =
        (buf[pos] & 0xFF)
            | (buf[pos + 1] & 0xFF) << 8
            | (buf[pos + 2] & 0xFF) << 16
            | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return value;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = readLength("string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    System.arraycopy(buf, pos, result.getBytes(), 0, length);
    pos += length;
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = readLength("string");
    String result = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return result;
  }

  @Override
  public void skipString() throws IOException {
    // Not "pos += readLength(...)": that would load pos before the length's varint advances it.
    int length = readLength("string");
    pos += length;
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = readLength("bytes");
    // A fresh buffer every time: reusing the caller's could hand out a view that is later
    // overwritten, and the copy is bounded by the input anyway.
    ByteBuffer result = ByteBuffer.wrap(Arrays.copyOfRange(buf, pos, pos + length));
    pos += length;
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    int length = readLength("bytes");
    pos += length;
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    require(length, "fixed");
    System.arraycopy(buf, pos, bytes, start, length);
    pos += length;
  }

  @Override
  public void skipFixed(int length) throws IOException {
    require(length, "fixed");
    pos += length;
  }

  @Override
  public int readEnum() throws IOException {
    return readInt();
  }

  @Override
  public long readArrayStart() throws IOException {
    return readBlockCount("array");
  }

  @Override
  public long arrayNext() throws IOException {
    return readBlockCount("array");
  }

  @Override
  public long skipArray() throws IOException {
    return skipBlocks("array");
  }

  @Override
  public long readMapStart() throws IOException {
    return readBlockCount("map");
  }

  @Override
  public long mapNext() throws IOException {
    return readBlockCount("map");
  }

  @Override
  public long skipMap() throws IOException {
    return skipBlocks("map");
  }

  @Override
  public int readIndex() throws IOException {
    return readInt();
  }

  /** A string or bytes length, checked against the remaining input. */
  private int readLength(String what) throws IOException {
    long length = readLong();
    if (length < 0 || length > remaining()) {
      throw new IOException(
          String.format(
              "%s length %s at offset %s exceeds the %s bytes left",
              what, length, pos, remaining()));
    }
    return (int) length;
  }

  /**
   * The item count of the next block. A negative count is followed by the block's byte size (which
   * a reader that decodes every item does not need).
   */
  private long readBlockCount(String what) throws IOException {
    long count = readLong();
    if (count < 0) {
      if (count == Long.MIN_VALUE) {
        throw new IOException(String.format("invalid %s block count at offset %s", what, pos));
      }
      count = -count;
      readLong();
    }
    if (count > remaining()) {
      throw new IOException(
          String.format(
              "%s block claims %s items at offset %s but only %s bytes are left",
              what, count, pos, remaining()));
    }
    return count;
  }

  /**
   * Skips whole blocks that carry their byte size, and returns the item count of the first block
   * that does not (the caller skips those items one by one), or 0 at the end.
   */
  private long skipBlocks(String what) throws IOException {
    while (true) {
      long count = readLong();
      if (count >= 0) {
        if (count > remaining()) {
          throw new IOException(
              String.format(
                  "%s block claims %s items at offset %s but only %s bytes are left",
                  what, count, pos, remaining()));
        }
        return count;
      }
      long size = readLong();
      if (size < 0 || size > remaining()) {
        throw new IOException(
            String.format(
                "%s block size %s at offset %s exceeds the %s bytes left",
                what, size, pos, remaining()));
      }
      pos += (int) size;
    }
  }

  private void require(int length, String what) throws IOException {
    if (length < 0 || length > remaining()) {
      throw new EOFException(
          String.format(
              "%s needs %s bytes at offset %s but %s are left", what, length, pos, remaining()));
    }
  }
}
