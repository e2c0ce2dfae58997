package dev.sluice.streams.internal.ops;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link Change} to a repartition topic: a flag byte (bit 0: has new value, bit 1: has old
 * value), the new value's length (4 bytes) and bytes, then the old value's bytes, each through the
 * inner value serde.
 *
 * <p>The inner serde may be unknown when the DSL builds the step; the compiler then fills in the
 * builder's default with {@link #withInner}.
 *
 * @param <V> value type
 */
public final class ChangeSerde<V> implements Serde<Change<V>>, WrappingSerde {
  private static final byte HAS_NEW = 1;
  private static final byte HAS_OLD = 2;

  private final Serde<V> inner;

  /**
   * A serde over an inner value serde.
   *
   * @param inner the value serde, or null until the compiler resolves it
   */
  public ChangeSerde(Serde<V> inner) {
    this.inner = inner;
  }

  /**
   * The value serde.
   *
   * @return the inner serde, or null if not resolved yet
   */
  @Override
  public Serde<V> inner() {
    return inner;
  }

  /**
   * A copy with a resolved inner serde.
   *
   * @param serde the value serde
   * @return the copy
   */
  @Override
  @SuppressWarnings("unchecked")
  public ChangeSerde<V> withInner(Serde<?> serde) {
    return new ChangeSerde<>((Serde<V>) serde);
  }

  @Override
  public Serializer<Change<V>> serializer() {
    Serializer<V> values = inner.serializer();
    return (topic, change) -> {
      if (change == null) {
        return null;
      }
      byte[] newBytes =
          change.newValue() == null ? null : values.serialize(topic, change.newValue());
      byte[] oldBytes =
          change.oldValue() == null ? null : values.serialize(topic, change.oldValue());
      int newLength = newBytes == null ? 0 : newBytes.length;
      ByteBuffer buffer =
          ByteBuffer.allocate(1 + 4 + newLength + (oldBytes == null ? 0 : oldBytes.length));
      buffer.put((byte) ((newBytes == null ? 0 : HAS_NEW) | (oldBytes == null ? 0 : HAS_OLD)));
      buffer.putInt(newLength);
      if (newBytes != null) {
        buffer.put(newBytes);
      }
      if (oldBytes != null) {
        buffer.put(oldBytes);
      }
      return buffer.array();
    };
  }

  @Override
  public Deserializer<Change<V>> deserializer() {
    Deserializer<V> values = inner.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      byte flags = buffer.get();
      int newLength = buffer.getInt();
      byte[] newBytes = new byte[newLength];
      buffer.get(newBytes);
      byte[] oldBytes = new byte[buffer.remaining()];
      buffer.get(oldBytes);
      return new Change<>(
          (flags & HAS_NEW) == 0 ? null : values.deserialize(topic, newBytes),
          (flags & HAS_OLD) == 0 ? null : values.deserialize(topic, oldBytes));
    };
  }
}
