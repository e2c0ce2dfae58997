package dev.sluice.streams.internal.ops.fkjoin;

import dev.sluice.streams.internal.ops.WrappingSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link Subscription} to the subscription topic: a flag byte (1 with a hash, 0 to
 * unsubscribe), the {@value ValueHash#LENGTH}-byte hash if any, then the left key's bytes through
 * the left key serde. The compiler fills a missing key serde with the builder's default key serde.
 *
 * @param <K> left key type
 */
public final class SubscriptionSerde<K> implements Serde<Subscription<K>>, WrappingSerde {
  private final Serde<K> leftKeySerde;

  /**
   * A serde over the left table's key serde.
   *
   * @param leftKeySerde the left key serde, or null until the compiler resolves it
   */
  public SubscriptionSerde(Serde<K> leftKeySerde) {
    this.leftKeySerde = leftKeySerde;
  }

  @Override
  public Serde<K> inner() {
    return leftKeySerde;
  }

  @Override
  @SuppressWarnings("unchecked")
  public SubscriptionSerde<K> withInner(Serde<?> serde) {
    return new SubscriptionSerde<>((Serde<K>) serde);
  }

  @Override
  public boolean wrapsKeys() {
    return true;
  }

  @Override
  public Serializer<Subscription<K>> serializer() {
    Serializer<K> keys = leftKeySerde.serializer();
    return (topic, subscription) -> {
      if (subscription == null) {
        return null;
      }
      byte[] key = keys.serialize(topic, subscription.leftKey());
      boolean subscribes = !subscription.unsubscribes();
      ByteBuffer buffer = ByteBuffer.allocate(1 + (subscribes ? ValueHash.LENGTH : 0) + key.length);
      buffer.put((byte) (subscribes ? 1 : 0));
      if (subscribes) {
        buffer.put(subscription.hash());
      }
      buffer.put(key);
      return buffer.array();
    };
  }

  @Override
  public Deserializer<Subscription<K>> deserializer() {
    Deserializer<K> keys = leftKeySerde.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      boolean subscribes = bytes[0] == 1;
      int keyStart = 1 + (subscribes ? ValueHash.LENGTH : 0);
      byte[] hash = subscribes ? Arrays.copyOfRange(bytes, 1, keyStart) : null;
      K key = keys.deserialize(topic, Arrays.copyOfRange(bytes, keyStart, bytes.length));
      return new Subscription<>(key, hash);
    };
  }
}
