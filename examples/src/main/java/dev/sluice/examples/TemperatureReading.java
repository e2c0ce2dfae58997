package dev.sluice.examples;

/**
 * A raw temperature reading, carried as JSON. Sensors sometimes send readings without an id.
 *
 * @param sensorId the sensor id, may be null in raw data
 * @param celsius the temperature in degrees Celsius
 */
public record TemperatureReading(String sensorId, double celsius) {}
