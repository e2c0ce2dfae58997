package dev.sluice.serdes.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.sluice.serdes.internal.Checks;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes values of one type as UTF-8 JSON with jackson-databind.
 *
 * <p>Thread-safe: jackson's {@link ObjectWriter} is immutable.
 *
 * @param <T> the type of the values
 */
public final class JsonSerializer<T> implements Serializer<T> {

  private final Class<T> type;
  private final ObjectWriter writer;

  /**
   * Creates a serializer for {@code type}.
   *
   * @param type the value class, named in error messages
   * @param writer the jackson writer, already bound to {@code type}
   */
  public JsonSerializer(Class<T> type, ObjectWriter writer) {
    this.type = type;
    this.writer = writer;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      return writer.writeValueAsBytes(data);
    } catch (JsonProcessingException e) {
      throw Checks.serializationError(
          e,
          "Cannot write a %s as JSON for topic '%s': %s; check that jackson can see its"
              + " properties (public accessors or a record)",
          type.getName(),
          topic,
          e.getOriginalMessage());
    }
  }
}
