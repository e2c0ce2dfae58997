package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;

/**
 * Sensor averages with a HAVING clause: the average temperature of each sensor from {@code
 * temp_clean} (keyed by sensor, see {@link SensorCleansing}), kept while it is above 20 °C, to
 * {@code sensor_averages}. Like {@code SELECT sensorId, AVG(celsius) ... GROUP BY sensorId HAVING
 * AVG(celsius) > 20}: when a sensor's average drops to 20 or below, a null (a tombstone) deletes
 * its row downstream.
 *
 * <p>Runs on a broker with {@code --example sensor-averages} (fed with sample readings on {@code
 * temp_clean}).
 */
public final class SensorAverages {
  /** The output topic. */
  public static final String SENSOR_AVERAGES = "sensor_averages";

  /** The threshold: averages above it are kept. */
  public static final double THRESHOLD = 20.0;

  private SensorAverages() {}

  /**
   * The topology.
   *
   * @return {@code temp_clean} → group by sensor → (sum, count) → average → average > 20 → {@code
   *     sensor_averages}
   */
  public static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            SensorCleansing.TEMP_CLEAN,
            Consumed.with(SluiceSerdes.strings(), SensorCleansing.READING_SERDE))
        .groupByKey(Grouped.with(SluiceSerdes.strings(), SensorCleansing.READING_SERDE))
        .aggregate(
            () -> SumCount.ZERO,
            (sensor, reading, aggregate) -> aggregate.add(reading.celsius()),
            Materialized.<String, SumCount>as("sensor-sums")
                .withKeySerde(SluiceSerdes.strings())
                .withValueSerde(SluiceSerdes.json(SumCount.class)))
        .mapValues(SumCount::average)
        .filter((sensor, average) -> average > THRESHOLD)
        .toStream()
        .to(SENSOR_AVERAGES, Produced.with(SluiceSerdes.strings(), SluiceSerdes.doubles()));
    return builder.build();
  }
}
