package dev.sluice.serdes;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka {@link Serde} that also says which Java type it reads and writes.
 *
 * <p>Knowing the type lets Sluice check, when a topology is built, that a serde declared for one
 * type is not used where another is expected (see {@link SerdeRegistry#checkType}), instead of
 * failing with a {@link ClassCastException} on the first record. Every serde that {@link
 * SluiceSerdes} and {@link AvroSerdes} create is a {@code TypedSerde}; users' own serdes can be
 * given a type with {@link SluiceSerdes#typed(Class, Serde)}.
 *
 * @param <T> the type of the values
 */
public interface TypedSerde<T> extends Serde<T> {

  /**
   * The class of the values this serde reads and writes ({@code List.class} for list serdes).
   *
   * @return the value class, never {@code null}
   */
  Class<T> type();
}
