package dev.sluice.serdes.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the 36-character UUID form that kafka-clients' {@code UUIDSerializer} writes, and nothing
 * else.
 *
 * <p>Why not kafka-clients' {@code UUIDDeserializer} alone: it hands the text to {@link
 * UUID#fromString}, which also accepts shortened groups, so a truncated record ("…-12345678"
 * instead of "…-123456789abc") silently reads as a different UUID. Checking the length and the dash
 * positions first makes {@code fromString} exact. Stateless and thread-safe.
 */
public final class CanonicalUuidDeserializer implements Deserializer<UUID> {

  private static final int LENGTH = 36;

  @Override
  public UUID deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length != LENGTH
        || data[8] != '-'
        || data[13] != '-'
        || data[18] != '-'
        || data[23] != '-') {
      throw Checks.serializationError(
          "Cannot deserialize a UUID on topic '%s': expected the 36-character form"
              + " xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, got %s bytes",
          topic, data.length);
    }
    try {
      return UUID.fromString(new String(data, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw Checks.serializationError(
          e, "Cannot deserialize a UUID on topic '%s': %s", topic, e.getMessage());
    }
  }
}
