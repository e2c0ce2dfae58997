package dev.sluice.serdes;

import dev.sluice.serdes.internal.Checks;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * Maps Java classes to serdes, so that where a user gives only a type the DSL can find the serde,
 * and where a user gives a serde the DSL can check it fits the type expected there.
 *
 * <p>{@link #withBuiltIns()} starts with String, Long, Integer, Short, Double, Float, Boolean,
 * byte[], ByteBuffer, UUID and Void (primitive classes such as {@code long.class} find their boxed
 * serde); users {@link #register} their own, e.g. a JSON or Avro serde for each event type. Types
 * whose serde needs more than the class (lists, generic Avro records) are not pre-registered.
 *
 * <p>Thread-safe; registrations are visible to lookups from any thread.
 */
public final class SerdeRegistry {

  private static final Map<Class<?>, Class<?>> BOXES =
      Map.of(
          boolean.class, Boolean.class,
          byte.class, Byte.class,
          char.class, Character.class,
          short.class, Short.class,
          int.class, Integer.class,
          long.class, Long.class,
          float.class, Float.class,
          double.class, Double.class,
          void.class, Void.class);

  private final Map<Class<?>, TypedSerde<?>> serdes = new ConcurrentHashMap<>();

  private SerdeRegistry() {}

  /**
   * A registry with nothing registered.
   *
   * @return a new, empty registry
   */
  public static SerdeRegistry empty() {
    return new SerdeRegistry();
  }

  /**
   * A registry with the built-in serdes of {@link SluiceSerdes} registered.
   *
   * @return a new registry
   */
  public static SerdeRegistry withBuiltIns() {
    return new SerdeRegistry()
        .register(String.class, SluiceSerdes.strings())
        .register(Long.class, SluiceSerdes.longs())
        .register(Integer.class, SluiceSerdes.integers())
        .register(Short.class, SluiceSerdes.shorts())
        .register(Double.class, SluiceSerdes.doubles())
        .register(Float.class, SluiceSerdes.floats())
        .register(Boolean.class, SluiceSerdes.booleans())
        .register(byte[].class, SluiceSerdes.byteArrays())
        .register(ByteBuffer.class, SluiceSerdes.byteBuffers())
        .register(UUID.class, SluiceSerdes.uuids())
        .register(Void.class, SluiceSerdes.voids());
  }

  /**
   * Registers {@code serde} for {@code type}, replacing any earlier one (so a built-in can be
   * overridden).
   *
   * @param type the value class
   * @param serde the serde; a plain Kafka serde is given the type with {@link SluiceSerdes#typed}
   * @return this registry, for chaining
   * @param <T> the value type
   * @throws IllegalArgumentException if {@code serde} is a {@link TypedSerde} for another type
   */
  public <T> SerdeRegistry register(Class<T> type, Serde<T> serde) {
    Checks.checkNotNull(type, "register(type, serde): type must not be null");
    Checks.checkNotNull(serde, "register(%s, serde): serde must not be null", type.getName());
    serdes.put(box(type), SluiceSerdes.typed(type, serde));
    return this;
  }

  /**
   * The serde registered for {@code type}.
   *
   * @param type the value class (primitive classes find their boxed type's serde)
   * @return the serde
   * @param <T> the value type
   * @throws IllegalArgumentException naming the class and how to register a serde for it
   */
  public <T> TypedSerde<T> serdeFor(Class<T> type) {
    Checks.checkNotNull(type, "serdeFor(type): type must not be null");
    return find(type)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    String.format(
                        "No serde is registered for %s; register one with"
                            + " registry.register(%s.class, serde) (for example"
                            + " SluiceSerdes.json(%s.class) or an AvroSerdes serde), or pass a"
                            + " serde explicitly",
                        type.getName(), type.getSimpleName(), type.getSimpleName())));
  }

  /**
   * The serde registered for {@code type}, if any.
   *
   * @param type the value class
   * @return the serde, or empty
   * @param <T> the value type
   */
  @SuppressWarnings("unchecked")
  public <T> Optional<TypedSerde<T>> find(Class<T> type) {
    Checks.checkNotNull(type, "find(type): type must not be null");
    // Safe: register() only stores a TypedSerde<T> under T's (boxed) class.
    return Optional.ofNullable((TypedSerde<T>) serdes.get(box(type)));
  }

  /**
   * Checks that {@code serde} reads and writes {@code expected} values, and returns it typed.
   *
   * <p>The serde's type is its {@link TypedSerde#type()}, or else the class it is registered under
   * here; a plain serde this registry does not know cannot be checked and is trusted.
   *
   * @param serde the serde the user supplied
   * @param expected the value class expected at this point of the topology
   * @param where the step and role, for the message, e.g. {@code "stream(orders) value"}
   * @return {@code serde} as a {@code TypedSerde<T>}
   * @param <T> the expected value type
   * @throws IllegalArgumentException naming both classes and where, if they differ
   */
  @SuppressWarnings("unchecked")
  public <T> TypedSerde<T> checkType(Serde<?> serde, Class<T> expected, String where) {
    Checks.checkNotNull(serde, "%s: serde must not be null", where);
    Checks.checkNotNull(expected, "%s: expected type must not be null", where);
    Class<?> declared = declaredType(serde);
    if (declared == null) {
      // Unknown to us: trust the caller, and give it the expected type.
      return SluiceSerdes.typed(expected, (Serde<T>) serde);
    }
    if (!declared.equals(box(expected))) {
      throw new IllegalArgumentException(
          String.format(
              "%s: the serde %s is for %s values, but %s values are expected here; pass a serde"
                  + " for %s (e.g. registry.serdeFor(%s.class)) or map the values to %s first",
              where,
              serde,
              declared.getName(),
              expected.getName(),
              expected.getName(),
              expected.getSimpleName(),
              declared.getSimpleName()));
    }
    // Safe: the declared type equals T (or its box, which is what the serde handles).
    return (TypedSerde<T>) SluiceSerdes.typed((Class<Object>) declared, (Serde<Object>) serde);
  }

  private Class<?> declaredType(Serde<?> serde) {
    if (serde instanceof TypedSerde<?> typed) {
      return typed.type();
    }
    for (Map.Entry<Class<?>, TypedSerde<?>> entry : serdes.entrySet()) {
      if (entry.getValue() == serde) {
        return entry.getKey();
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<T> box(Class<T> type) {
    return (Class<T>) BOXES.getOrDefault(type, type);
  }
}
