package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SensorCleansingTest {

  @Test
  void readingsWithoutSensorIdAreDroppedAndTheRestAreKeyedBySensor() {
    Random random = new Random(3);
    List<TemperatureReading> readings = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String sensor = random.nextInt(4) == 0 ? null : "s" + random.nextInt(10);
      readings.add(new TemperatureReading(sensor, random.nextInt(400) / 10.0));
    }
    List<KeyValue<String, TemperatureReading>> expected = new ArrayList<>();
    for (TemperatureReading reading : readings) {
      if (reading.sensorId() != null) {
        expected.add(KeyValue.pair(reading.sensorId(), reading));
      }
    }

    try (TopologyTestDriver driver = new TopologyTestDriver(SensorCleansing.topology())) {
      TestInputTopic<String, TemperatureReading> in =
          driver.inputTopic(
              SensorCleansing.TEMP_RAW, SluiceSerdes.strings(), SensorCleansing.READING_SERDE);
      readings.forEach(reading -> in.pipe(null, reading));

      assertThat(
              driver
                  .outputTopic(
                      SensorCleansing.TEMP_CLEAN,
                      SluiceSerdes.strings(),
                      SensorCleansing.READING_SERDE)
                  .readKeyValuesToList())
          .isEqualTo(expected)
          .hasSizeLessThan(readings.size());
    }
  }
}
