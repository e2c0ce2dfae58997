package dev.sluice.streams.internal.ops.fkjoin;

import dev.sluice.streams.internal.ops.WrappingSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link Response} to the response topic: a flag byte (bit 0: has hash, bit 1: has right
 * value), the {@value ValueHash#LENGTH}-byte hash if any, then the right value's bytes through the
 * right table's value serde. The compiler fills a missing value serde with the builder's default.
 *
 * @param <R> right value type
 */
public final class ResponseSerde<R> implements Serde<Response<R>>, WrappingSerde {
  private static final byte HAS_HASH = 1;
  private static final byte HAS_VALUE = 2;

  private final Serde<R> rightValueSerde;

  /**
   * A serde over the right table's value serde.
   *
   * @param rightValueSerde the right value serde, or null until the compiler resolves it
   */
  public ResponseSerde(Serde<R> rightValueSerde) {
    this.rightValueSerde = rightValueSerde;
  }

  @Override
  public Serde<R> inner() {
    return rightValueSerde;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ResponseSerde<R> withInner(Serde<?> serde) {
    return new ResponseSerde<>((Serde<R>) serde);
  }

  @Override
  public Serializer<Response<R>> serializer() {
    Serializer<R> values = rightValueSerde.serializer();
    return (topic, response) -> {
      if (response == null) {
        return null;
      }
      byte[] hash = response.hash();
      byte[] value =
          response.rightValue() == null ? null : values.serialize(topic, response.rightValue());
      ByteBuffer buffer =
          ByteBuffer.allocate(
              1 + (hash == null ? 0 : ValueHash.LENGTH) + (value == null ? 0 : value.length));
      buffer.put((byte) ((hash == null ? 0 : HAS_HASH) | (value == null ? 0 : HAS_VALUE)));
      if (hash != null) {
        buffer.put(hash);
      }
      if (value != null) {
        buffer.put(value);
      }
      return buffer.array();
    };
  }

  @Override
  public Deserializer<Response<R>> deserializer() {
    Deserializer<R> values = rightValueSerde.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      byte flags = bytes[0];
      int valueStart = 1 + ((flags & HAS_HASH) == 0 ? 0 : ValueHash.LENGTH);
      byte[] hash = (flags & HAS_HASH) == 0 ? null : Arrays.copyOfRange(bytes, 1, valueStart);
      R value =
          (flags & HAS_VALUE) == 0
              ? null
              : values.deserialize(topic, Arrays.copyOfRange(bytes, valueStart, bytes.length));
      return new Response<>(hash, value);
    };
  }
}
