package dev.sluice.serdes.internal;

import dev.sluice.serdes.TypedSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link TypedSerde} made of a serializer and a deserializer.
 *
 * <p>The serializer is passed through untouched on purpose: kafka-clients' {@code ListSerializer}
 * recognises fixed-size element serializers by their class, so wrapping them would change the wire
 * format. The deserializer is always {@link GuardedDeserializer guarded}.
 *
 * @param <T> the type of the values
 */
public final class BuiltInSerde<T> implements TypedSerde<T> {

  private final Class<T> type;
  private final Serializer<T> serializer;
  private final Deserializer<T> deserializer;

  private BuiltInSerde(Class<T> type, Serializer<T> serializer, Deserializer<T> deserializer) {
    this.type = type;
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /**
   * Builds a typed serde for {@code type}, guarding the deserializer.
   *
   * @param type the value class
   * @param serializer the serializer, used as is
   * @param deserializer the deserializer, wrapped in a {@link GuardedDeserializer}
   * @return the serde
   * @param <T> the type of the values
   */
  public static <T> BuiltInSerde<T> of(
      Class<T> type, Serializer<T> serializer, Deserializer<T> deserializer) {
    Checks.checkNotNull(type, "type");
    Checks.checkNotNull(serializer, "serializer for %s", type.getName());
    Checks.checkNotNull(deserializer, "deserializer for %s", type.getName());
    Deserializer<T> guarded =
        deserializer instanceof GuardedDeserializer
            ? deserializer
            : new GuardedDeserializer<>(deserializer, type.getSimpleName());
    return new BuiltInSerde<>(type, serializer, guarded);
  }

  /**
   * Builds a typed serde from a Kafka {@link Serde}.
   *
   * @param type the value class
   * @param serde the serde whose serializer and deserializer are used
   * @return the serde
   * @param <T> the type of the values
   */
  public static <T> BuiltInSerde<T> of(Class<T> type, Serde<T> serde) {
    Checks.checkNotNull(serde, "serde for %s", type);
    return of(type, serde.serializer(), serde.deserializer());
  }

  @Override
  public Class<T> type() {
    return type;
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }

  @Override
  public String toString() {
    return "TypedSerde[" + type.getName() + "]";
  }
}
