package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import org.apache.kafka.common.serialization.Serde;

/**
 * Sensor cleansing: drops readings with no sensor id and keys the rest by sensor, from {@code
 * temp_raw} to {@code temp_clean}, so later per-sensor steps see one partition per sensor.
 */
public final class SensorCleansing {
  /** The input topic. */
  public static final String TEMP_RAW = "temp_raw";

  /** The output topic. */
  public static final String TEMP_CLEAN = "temp_clean";

  /** The value serde of both topics. */
  public static final Serde<TemperatureReading> READING_SERDE =
      SluiceSerdes.json(TemperatureReading.class);

  private SensorCleansing() {}

  /**
   * The topology.
   *
   * @return {@code temp_raw} → sensor id present → keyed by sensor id → {@code temp_clean}
   */
  public static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(TEMP_RAW, Consumed.with(SluiceSerdes.strings(), READING_SERDE))
        .filter((key, reading) -> reading != null && reading.sensorId() != null)
        .selectKey((key, reading) -> reading.sensorId())
        .to(TEMP_CLEAN, Produced.with(SluiceSerdes.strings(), READING_SERDE));
    return builder.build();
  }
}
