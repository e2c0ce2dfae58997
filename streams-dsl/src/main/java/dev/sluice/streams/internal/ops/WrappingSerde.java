package dev.sluice.streams.internal.ops;

import org.apache.kafka.common.serialization.Serde;

/**
 * A serde the DSL builds around a value serde that may not be known yet ({@link ChangeSerde},
 * {@link ListSerde}, the foreign-key join's messages): the compiler fills a missing inner serde
 * with the builder's default.
 */
public interface WrappingSerde {

  /**
   * The wrapped serde.
   *
   * @return the inner serde, or null if not resolved yet
   */
  Serde<?> inner();

  /**
   * A copy around a resolved inner serde.
   *
   * @param serde the inner serde
   * @return the copy
   */
  Serde<?> withInner(Serde<?> serde);

  /**
   * Whether the wrapped serde is a key serde, so that the builder's default key serde (not the
   * value serde) fills it, even where this serde writes values.
   *
   * @return false unless the wrapped serde writes keys
   */
  default boolean wrapsKeys() {
    return false;
  }
}
