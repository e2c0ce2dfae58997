package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of a running topology: the keys of kafka-clients plus Sluice's own. Values are
 * kept as given; typed accessors parse and check them, naming the key on error.
 */
public final class SluiceConfig {
  /** The application id: consumer group, and prefix of internal topics. Required. */
  public static final String APPLICATION_ID = "application.id";

  /** Kafka brokers to bootstrap from (runtime only). */
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

  /** Where task state lives. */
  public static final String STATE_DIR = "state.dir";

  /** How often offsets are committed and caches flushed, in milliseconds. */
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";

  /**
   * The handler for undecodable records: {@code fail} (default), {@code log-and-continue}, or a
   * {@link DeserializationExceptionHandler} instance.
   */
  public static final String DESERIALIZATION_EXCEPTION_HANDLER =
      "deserialization.exception.handler";

  private final Map<String, Object> values;

  private SluiceConfig(Map<String, Object> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * A configuration from a map.
   *
   * @param values the settings
   * @return the configuration
   */
  public static SluiceConfig of(Map<String, ?> values) {
    Checks.notNull(values, "values");
    return new SluiceConfig(new HashMap<>(values));
  }

  /**
   * A configuration from properties.
   *
   * @param properties the settings
   * @return the configuration
   */
  public static SluiceConfig of(Properties properties) {
    Checks.notNull(properties, "properties");
    Map<String, Object> map = new HashMap<>();
    properties.forEach((key, value) -> map.put(String.valueOf(key), value));
    return new SluiceConfig(map);
  }

  /**
   * All settings as given.
   *
   * @return an immutable map
   */
  public Map<String, Object> values() {
    return values;
  }

  /**
   * The application id.
   *
   * @return the id
   * @throws IllegalArgumentException if it is missing or not a valid name
   */
  public String applicationId() {
    Object id = values.get(APPLICATION_ID);
    Checks.argument(
        id != null,
        "config '%s' is required: set it to a name for this application",
        APPLICATION_ID);
    return Checks.validName(String.valueOf(id), "config '" + APPLICATION_ID + "'");
  }

  /**
   * The commit interval.
   *
   * @return milliseconds, 30000 by default
   */
  public long commitIntervalMs() {
    Object value = values.getOrDefault(COMMIT_INTERVAL_MS, 30_000L);
    try {
      long interval = Long.parseLong(String.valueOf(value));
      Checks.argument(
          interval >= 0, "config '%s' was %s: use 0 or more", COMMIT_INTERVAL_MS, value);
      return interval;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(
              "config '%s' was '%s': use a number of milliseconds", COMMIT_INTERVAL_MS, value),
          e);
    }
  }

  /**
   * The deserialization handler.
   *
   * @return the configured handler, {@link DeserializationExceptionHandler#logAndFail()} by default
   */
  public DeserializationExceptionHandler deserializationExceptionHandler() {
    Object value = values.get(DESERIALIZATION_EXCEPTION_HANDLER);
    if (value == null || "fail".equals(value)) {
      return DeserializationExceptionHandler.logAndFail();
    }
    if ("log-and-continue".equals(value)) {
      return DeserializationExceptionHandler.logAndContinue();
    }
    if (value instanceof DeserializationExceptionHandler handler) {
      return handler;
    }
    throw new IllegalArgumentException(
        String.format(
            "config '%s' was '%s': use 'fail', 'log-and-continue' or a"
                + " DeserializationExceptionHandler instance",
            DESERIALIZATION_EXCEPTION_HANDLER, value));
  }
}
