package dev.sluice.serdes.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the wire format of kafka-clients' {@code ListSerializer}, checking every count and length
 * against the bytes that are actually there before allocating anything.
 *
 * <p>Why not kafka-clients' own {@code ListDeserializer}: it reports truncated input as a plain
 * {@code KafkaException}, and it looks null entries up in a {@code List} for every element, which
 * is quadratic on a hostile payload with many null indexes. The format read here is the same:
 *
 * <pre>
 * strategy: 1 byte (0 = constant-size entries, 1 = variable-size entries)
 * if constant: null-count int32, then that many int32 null indexes
 * size: int32
 * entries: constant -> entrySize bytes per non-null entry;
 *          variable -> int32 length (-1 = null) then that many bytes
 * </pre>
 *
 * <p>Stateless apart from the inner deserializer; thread-safe if that is.
 *
 * @param <E> the element type
 */
public final class BoundedListDeserializer<E> implements Deserializer<List<E>> {

  private static final byte CONSTANT_SIZE = 0;
  private static final byte VARIABLE_SIZE = 1;
  private static final int NULL_ENTRY = -1;

  private final Deserializer<E> inner;
  private final int fixedEntrySize;
  private final String elementName;

  /**
   * Creates a list deserializer.
   *
   * @param inner the element deserializer
   * @param fixedEntrySize the entry size kafka-clients uses for this element type when it writes
   *     constant-size entries, or 0 if it writes variable-size entries
   * @param elementName the element type's name, for messages
   */
  public BoundedListDeserializer(Deserializer<E> inner, int fixedEntrySize, String elementName) {
    this.inner = Checks.checkNotNull(inner, "inner deserializer for List<%s>", elementName);
    this.fixedEntrySize = fixedEntrySize;
    this.elementName = elementName;
  }

  @Override
  public List<E> deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(data);
    byte strategy = in.remaining() >= 1 ? in.get() : fail("no strategy byte (empty input)");
    if (strategy == CONSTANT_SIZE) {
      return readConstantSize(topic, in);
    }
    if (strategy == VARIABLE_SIZE) {
      return readVariableSize(topic, in);
    }
    return fail(String.format("unknown strategy byte %s (expected 0 or 1)", strategy));
  }

  private List<E> readConstantSize(String topic, ByteBuffer in) {
    if (fixedEntrySize <= 0) {
      return fail("entries are written as constant-size, but " + elementName + " is variable-size");
    }
    int nullCount = readInt(in, "null-entry count");
    if (nullCount < 0 || nullCount > in.remaining() / Integer.BYTES) {
      return fail(
          String.format(
              "null-entry count %s exceeds the %s bytes left", nullCount, in.remaining()));
    }
    int[] nullIndexes = new int[nullCount];
    for (int i = 0; i < nullCount; i++) {
      nullIndexes[i] = in.getInt();
    }
    int size = readInt(in, "list size");
    long nonNull = (long) size - nullCount;
    if (size < 0 || nonNull < 0 || nonNull * fixedEntrySize != in.remaining()) {
      return fail(
          String.format(
              "list size %s with %s null entries of %s bytes does not match the %s bytes left",
              size, nullCount, fixedEntrySize, in.remaining()));
    }
    BitSet nulls = new BitSet(size);
    for (int index : nullIndexes) {
      if (index < 0 || index >= size || nulls.get(index)) {
        return fail(
            String.format("null index %s is out of range or repeated (size %s)", index, size));
      }
      nulls.set(index);
    }
    List<E> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(nulls.get(i) ? null : element(topic, in, fixedEntrySize));
    }
    return list;
  }

  private List<E> readVariableSize(String topic, ByteBuffer in) {
    int size = readInt(in, "list size");
    // Every variable-size entry starts with a 4-byte length, so a larger count is a lie.
    if (size < 0 || size > in.remaining() / Integer.BYTES) {
      return fail(String.format("list size %s exceeds the %s bytes left", size, in.remaining()));
    }
    List<E> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int length = readInt(in, "entry length");
      if (length == NULL_ENTRY) {
        list.add(null);
      } else if (length < 0 || length > in.remaining()) {
        return fail(
            String.format("entry %s claims %s bytes but %s are left", i, length, in.remaining()));
      } else {
        list.add(element(topic, in, length));
      }
    }
    if (in.hasRemaining()) {
      return fail(String.format("%s trailing bytes after %s entries", in.remaining(), size));
    }
    return list;
  }

  private E element(String topic, ByteBuffer in, int length) {
    byte[] bytes = Arrays.copyOfRange(in.array(), in.position(), in.position() + length);
    in.position(in.position() + length);
    return inner.deserialize(topic, bytes);
  }

  private int readInt(ByteBuffer in, String what) {
    if (in.remaining() < Integer.BYTES) {
      fail(String.format("input ends before the %s", what));
    }
    return in.getInt();
  }

  private <T> T fail(String reason) {
    throw new SerializationException(
        String.format("Cannot deserialize a List<%s>: %s", elementName, reason));
  }

  @Override
  public void close() {
    inner.close();
  }
}
