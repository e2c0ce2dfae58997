package dev.sluice.streams.internal.ops;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a list of values, each as a 4-byte length and the inner serde's bytes. A stream-stream
 * join keeps the records of one key and timestamp as such a list, so that records with equal
 * timestamps do not overwrite each other in a window store.
 *
 * <p>The inner serde may be unknown when the DSL builds the step; the compiler then fills in the
 * builder's default with {@link #withInner}.
 *
 * @param <V> element type
 */
public final class ListSerde<V> implements Serde<List<V>>, WrappingSerde {
  private final Serde<V> inner;

  /**
   * A serde over an element serde.
   *
   * @param inner the element serde, or null until the compiler resolves it
   */
  public ListSerde(Serde<V> inner) {
    this.inner = inner;
  }

  @Override
  public Serde<V> inner() {
    return inner;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ListSerde<V> withInner(Serde<?> serde) {
    return new ListSerde<>((Serde<V>) serde);
  }

  @Override
  public Serializer<List<V>> serializer() {
    Serializer<V> values = inner.serializer();
    return (topic, list) -> {
      if (list == null) {
        return null;
      }
      List<byte[]> parts = new ArrayList<>(list.size());
      int size = 0;
      for (V value : list) {
        byte[] bytes = values.serialize(topic, value);
        parts.add(bytes);
        size += 4 + bytes.length;
      }
      ByteBuffer buffer = ByteBuffer.allocate(size);
      for (byte[] bytes : parts) {
        buffer.putInt(bytes.length).put(bytes);
      }
      return buffer.array();
    };
  }

  @Override
  public Deserializer<List<V>> deserializer() {
    Deserializer<V> values = inner.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      List<V> list = new ArrayList<>();
      while (buffer.hasRemaining()) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
          throw new IllegalArgumentException(
              String.format(
                  "list element length %d exceeds the %d bytes left", length, buffer.remaining()));
        }
        byte[] element = new byte[length];
        buffer.get(element);
        list.add(values.deserialize(topic, element));
      }
      return list;
    };
  }
}
