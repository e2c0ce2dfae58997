package dev.sluice.serdes.internal;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Wraps a deserializer so that every failure on bad bytes is a {@link SerializationException}.
 *
 * <p>Some kafka-clients deserializers report bad input with other runtime exceptions (for example
 * {@code VoidDeserializer} throws {@link IllegalArgumentException}); Sluice's deserialization error
 * handlers only recognise {@code SerializationException}, so this class converts the rest and names
 * the target type and the input size in the message. It adds no state and is as thread-safe as the
 * delegate.
 *
 * @param <T> the type of the values
 */
public final class GuardedDeserializer<T> implements Deserializer<T> {

  private final Deserializer<T> delegate;
  private final String typeName;

  /**
   * Guards {@code delegate}, naming {@code typeName} in error messages.
   *
   * @param delegate the deserializer that does the work
   * @param typeName the name of the produced type, for messages
   */
  public GuardedDeserializer(Deserializer<T> delegate, String typeName) {
    this.delegate = Checks.checkNotNull(delegate, "delegate deserializer for %s", typeName);
    this.typeName = typeName;
  }

  /** The wrapped deserializer. */
  public Deserializer<T> delegate() {
    return delegate;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    try {
      return delegate.deserialize(topic, data);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(topic, data == null ? 0 : data.length, e);
    }
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    try {
      return delegate.deserialize(topic, headers, data);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(topic, data == null ? 0 : data.length, e);
    }
  }

  @Override
  public T deserialize(String topic, Headers headers, ByteBuffer data) {
    try {
      return delegate.deserialize(topic, headers, data);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(topic, data == null ? 0 : data.remaining(), e);
    }
  }

  private SerializationException failure(String topic, int size, RuntimeException cause) {
    return Checks.serializationError(
        cause,
        "Cannot deserialize a %s from %s bytes on topic '%s': %s",
        typeName,
        size,
        topic,
        cause.getMessage());
  }

  @Override
  public void close() {
    delegate.close();
  }
}
