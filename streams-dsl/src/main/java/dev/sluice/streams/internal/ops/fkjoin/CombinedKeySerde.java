package dev.sluice.streams.internal.ops.fkjoin;

import dev.sluice.streams.internal.ops.WrappingSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link CombinedKey}: the foreign key's length (4 bytes) and bytes, then the left key's
 * bytes. The length prefix makes {@link #prefixSerializer()}'s bytes a prefix of exactly the keys
 * with that foreign key, so a prefix scan finds a right row's subscribers and no others. The
 * compiler fills missing serdes with the builder's default key serde.
 *
 * @param <F> foreign key type
 * @param <K> left key type
 */
public final class CombinedKeySerde<F, K> implements Serde<CombinedKey<F, K>>, WrappingSerde {
  private final Serde<F> foreignKeySerde;
  private final Serde<K> leftKeySerde;

  /**
   * A serde over the two key serdes.
   *
   * @param foreignKeySerde the right table's key serde, or null until the compiler resolves it
   * @param leftKeySerde the left table's key serde, or null until the compiler resolves it
   */
  public CombinedKeySerde(Serde<F> foreignKeySerde, Serde<K> leftKeySerde) {
    this.foreignKeySerde = foreignKeySerde;
    this.leftKeySerde = leftKeySerde;
  }

  /**
   * The foreign key serde while both serdes are known.
   *
   * @return the foreign key serde, or null if either serde is unresolved
   */
  @Override
  public Serde<?> inner() {
    return leftKeySerde == null ? null : foreignKeySerde;
  }

  @Override
  @SuppressWarnings("unchecked")
  public CombinedKeySerde<F, K> withInner(Serde<?> serde) {
    return new CombinedKeySerde<>(
        foreignKeySerde != null ? foreignKeySerde : (Serde<F>) serde,
        leftKeySerde != null ? leftKeySerde : (Serde<K>) serde);
  }

  @Override
  public boolean wrapsKeys() {
    return true;
  }

  /**
   * Writes the prefix every combined key with a given foreign key starts with.
   *
   * @return the prefix serializer
   */
  public Serializer<F> prefixSerializer() {
    Serializer<F> foreign = foreignKeySerde.serializer();
    return (topic, foreignKey) -> {
      byte[] bytes = foreign.serialize(topic, foreignKey);
      return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    };
  }

  @Override
  public Serializer<CombinedKey<F, K>> serializer() {
    Serializer<F> foreign = foreignKeySerde.serializer();
    Serializer<K> left = leftKeySerde.serializer();
    return (topic, key) -> {
      if (key == null) {
        return null;
      }
      byte[] foreignBytes = foreign.serialize(topic, key.foreignKey());
      byte[] leftBytes = left.serialize(topic, key.leftKey());
      return ByteBuffer.allocate(4 + foreignBytes.length + leftBytes.length)
          .putInt(foreignBytes.length)
          .put(foreignBytes)
          .put(leftBytes)
          .array();
    };
  }

  @Override
  public Deserializer<CombinedKey<F, K>> deserializer() {
    Deserializer<F> foreign = foreignKeySerde.deserializer();
    Deserializer<K> left = leftKeySerde.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      int foreignLength = ByteBuffer.wrap(bytes).getInt();
      int leftStart = 4 + foreignLength;
      return new CombinedKey<>(
          foreign.deserialize(topic, Arrays.copyOfRange(bytes, 4, leftStart)),
          left.deserialize(topic, Arrays.copyOfRange(bytes, leftStart, bytes.length)));
    };
  }
}
