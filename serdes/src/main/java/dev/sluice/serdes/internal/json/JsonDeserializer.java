package dev.sluice.serdes.internal.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.serdes.internal.Checks;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads UTF-8 JSON into values of one type with jackson-databind.
 *
 * <p>Every failure becomes a {@link SerializationException} that names the target type and, when
 * jackson knows it, the line and column in the input, so that a dead-letter record can be fixed by
 * looking at the message alone. Input size is bounded by the record, and jackson's own {@code
 * StreamReadConstraints} bound nesting depth and number/string lengths, so hostile input cannot
 * make this allocate more than a few times its own size.
 *
 * <p>Thread-safe: jackson's {@link ObjectReader} is immutable.
 *
 * @param <T> the type of the values
 */
public final class JsonDeserializer<T> implements Deserializer<T> {

  private final Class<T> type;
  private final ObjectReader reader;

  /**
   * Creates a deserializer for {@code type}.
   *
   * @param type the value class, named in error messages
   * @param reader the jackson reader, already bound to {@code type}
   */
  public JsonDeserializer(Class<T> type, ObjectReader reader) {
    this.type = type;
    this.reader = reader;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      // The JSON literal null reads as null, like a Kafka tombstone.
      return reader.readValue(data);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw Checks.serializationError(
          e,
          "Cannot read JSON as %s on topic '%s' at line %s, column %s: %s",
          type.getName(),
          topic,
          at == null ? "?" : at.getLineNr(),
          at == null ? "?" : at.getColumnNr(),
          e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException) {
        throw (SerializationException) e;
      }
      throw Checks.serializationError(
          e, "Cannot read JSON as %s on topic '%s': %s", type.getName(), topic, e.getMessage());
    }
  }
}
