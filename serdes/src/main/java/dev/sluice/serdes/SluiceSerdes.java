package dev.sluice.serdes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.serdes.internal.BoundedListDeserializer;
import dev.sluice.serdes.internal.BuiltInSerde;
import dev.sluice.serdes.internal.CanonicalUuidDeserializer;
import dev.sluice.serdes.internal.Checks;
import dev.sluice.serdes.internal.json.JsonDeserializer;
import dev.sluice.serdes.internal.json.JsonSerializer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.ListSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.serialization.UUIDSerializer;

/**
 * Factory for Sluice's built-in serdes: Kafka's primitives, lists of them, and JSON.
 *
 * <p>The primitives are kafka-clients' own serializers, so bytes written by Sluice and by any other
 * Kafka client are the same, and users' existing {@link Serde}s plug in unchanged (wrap them with
 * {@link #typed} to let Sluice check their type). What Sluice adds is on the reading side: every
 * deserializer reports bad bytes as an {@link
 * org.apache.kafka.common.errors.SerializationException} that names the target type, and list
 * lengths are checked against the input before anything is allocated.
 *
 * <p>Avro serdes live in {@link AvroSerdes}; a type-to-serde lookup in {@link SerdeRegistry}. All
 * serdes returned here are stateless and thread-safe.
 */
public final class SluiceSerdes {

  /**
   * Entry sizes of the element serializers that kafka-clients' {@link ListSerializer} writes as
   * constant-size entries; any other element serializer is written with a length per entry.
   */
  private static final Map<Class<?>, Integer> FIXED_SIZE_SERIALIZERS =
      Map.of(
          ShortSerializer.class, Short.BYTES,
          IntegerSerializer.class, Integer.BYTES,
          FloatSerializer.class, Float.BYTES,
          LongSerializer.class, Long.BYTES,
          DoubleSerializer.class, Double.BYTES,
          UUIDSerializer.class, 36);

  private SluiceSerdes() {}

  /** UTF-8 strings (kafka-clients' {@code StringSerializer}). */
  public static TypedSerde<String> strings() {
    return BuiltInSerde.of(String.class, Serdes.String());
  }

  /** 8-byte big-endian longs. */
  public static TypedSerde<Long> longs() {
    return BuiltInSerde.of(Long.class, Serdes.Long());
  }

  /** 4-byte big-endian integers. */
  public static TypedSerde<Integer> integers() {
    return BuiltInSerde.of(Integer.class, Serdes.Integer());
  }

  /** 2-byte big-endian shorts. */
  public static TypedSerde<Short> shorts() {
    return BuiltInSerde.of(Short.class, Serdes.Short());
  }

  /** 8-byte IEEE 754 doubles. */
  public static TypedSerde<Double> doubles() {
    return BuiltInSerde.of(Double.class, Serdes.Double());
  }

  /** 4-byte IEEE 754 floats. */
  public static TypedSerde<Float> floats() {
    return BuiltInSerde.of(Float.class, Serdes.Float());
  }

  /** 1-byte booleans (0 or 1). */
  public static TypedSerde<Boolean> booleans() {
    return BuiltInSerde.of(Boolean.class, Serdes.Boolean());
  }

  /** Raw bytes, passed through. */
  public static TypedSerde<byte[]> byteArrays() {
    return BuiltInSerde.of(byte[].class, Serdes.ByteArray());
  }

  /** Raw bytes as a {@link ByteBuffer} (the buffer's remaining bytes are written). */
  public static TypedSerde<ByteBuffer> byteBuffers() {
    return BuiltInSerde.of(ByteBuffer.class, Serdes.ByteBuffer());
  }

  /**
   * UUIDs as their 36-character string form (kafka-clients' {@code UUIDSerializer}); reading
   * accepts exactly that form, so a truncated UUID is an error rather than a different UUID.
   */
  public static TypedSerde<UUID> uuids() {
    // Kafka's serializer (so ListSerializer still sees a fixed-size element); a strict reader.
    return BuiltInSerde.of(UUID.class, Serdes.UUID().serializer(), new CanonicalUuidDeserializer());
  }

  /** Always-null values, for topics where only the key matters; non-null bytes are an error. */
  public static TypedSerde<Void> voids() {
    return BuiltInSerde.of(Void.class, Serdes.Void());
  }

  /**
   * Lists of {@code elements}, in kafka-clients' {@code ListSerde} wire format, so lists written by
   * Kafka Streams read here and the other way round. Null elements are allowed.
   *
   * @param elements the element serde (a built-in one, or a user's wrapped with {@link #typed})
   * @return a serde for {@code List<E>} whose {@link TypedSerde#type()} is {@code List.class}
   * @param <E> the element type
   */
  public static <E> TypedSerde<List<E>> listOf(TypedSerde<E> elements) {
    Checks.checkNotNull(elements, "listOf(elements): elements must not be null");
    Serializer<E> inner = elements.serializer();
    int fixedSize = FIXED_SIZE_SERIALIZERS.getOrDefault(inner.getClass(), 0);
    String elementName = elements.type().getSimpleName();
    return BuiltInSerde.of(
        listClass(),
        new ListSerializer<>(inner),
        new BoundedListDeserializer<>(elements.deserializer(), fixedSize, elementName));
  }

  @SuppressWarnings("unchecked")
  private static <E> Class<List<E>> listClass() {
    // Erasure: there is only one List class; the cast is what makes List<E> expressible.
    return (Class<List<E>>) (Class<?>) List.class;
  }

  /**
   * JSON for a Java record or POJO through jackson-databind, ignoring unknown properties.
   *
   * @param type the record or POJO class
   * @return the serde
   * @param <T> the value type
   */
  public static <T> TypedSerde<T> json(Class<T> type) {
    return json(type, UnknownFields.IGNORE);
  }

  /**
   * JSON for a Java record or POJO through jackson-databind.
   *
   * <p>Malformed JSON fails with a {@code SerializationException} naming {@code type} and the line
   * and column; trailing content after the value is an error too.
   *
   * @param type the record or POJO class
   * @param unknownFields whether properties that {@code type} does not declare are skipped or
   *     rejected
   * @return the serde
   * @param <T> the value type
   */
  public static <T> TypedSerde<T> json(Class<T> type, UnknownFields unknownFields) {
    Checks.checkNotNull(unknownFields, "json(%s, unknownFields): unknownFields", type);
    ObjectMapper mapper =
        JsonMapper.builder()
            .configure(
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                unknownFields == UnknownFields.REJECT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    return json(type, mapper);
  }

  /**
   * JSON through a caller-configured jackson {@link ObjectMapper}, for example one with the {@code
   * jackson-datatype-jsr310} module registered for {@code java.time} fields.
   *
   * @param type the record or POJO class
   * @param mapper the mapper; it is not modified
   * @return the serde
   * @param <T> the value type
   */
  public static <T> TypedSerde<T> json(Class<T> type, ObjectMapper mapper) {
    Checks.checkNotNull(type, "json(type, ...): type must not be null");
    Checks.checkNotNull(mapper, "json(%s, mapper): mapper must not be null", type.getName());
    return BuiltInSerde.of(
        type,
        new JsonSerializer<>(type, mapper.writerFor(type)),
        new JsonDeserializer<>(type, mapper.readerFor(type)));
  }

  /**
   * Gives an existing Kafka serde a type, so Sluice can infer and check it; the bytes it writes are
   * unchanged. Its deserializer's runtime exceptions become {@code SerializationException}s.
   *
   * @param type the class of the values {@code serde} handles
   * @param serde the user's serde
   * @return a typed view of {@code serde}
   * @param <T> the value type
   * @throws IllegalArgumentException if {@code serde} is already a {@link TypedSerde} for another
   *     type
   */
  public static <T> TypedSerde<T> typed(Class<T> type, Serde<T> serde) {
    Checks.checkNotNull(type, "typed(type, serde): type must not be null");
    Checks.checkNotNull(serde, "typed(%s, serde): serde must not be null", type.getName());
    if (serde instanceof TypedSerde<T> typed) {
      Checks.checkArgument(
          typed.type().equals(type),
          "typed(%s, serde): the serde %s is already declared for %s",
          type.getName(),
          serde,
          typed.type().getName());
      return typed;
    }
    return BuiltInSerde.of(type, serde);
  }
}
