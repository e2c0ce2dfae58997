package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SensorAveragesTest {

  @Test
  void averagesAbove20AreEmittedAndDroppingBelowDeletesTheRow() {
    Random random = new Random(13);
    List<TemperatureReading> readings = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      readings.add(
          new TemperatureReading("s" + random.nextInt(6), 10 + random.nextInt(210) / 10.0));
    }
    // HAVING avg > 20 over a changing table: a row appears, changes, or is deleted (null)
    Map<String, double[]> sums = new HashMap<>();
    List<KeyValue<String, Double>> expected = new ArrayList<>();
    for (TemperatureReading reading : readings) {
      double[] sumCount = sums.computeIfAbsent(reading.sensorId(), s -> new double[2]);
      boolean matchedBefore = sumCount[1] > 0 && sumCount[0] / sumCount[1] > 20;
      sumCount[0] += reading.celsius();
      sumCount[1] += 1;
      double average = sumCount[0] / sumCount[1];
      if (average > 20) {
        expected.add(KeyValue.pair(reading.sensorId(), average));
      } else if (matchedBefore) {
        expected.add(KeyValue.pair(reading.sensorId(), null));
      }
    }

    try (TopologyTestDriver driver = new TopologyTestDriver(SensorAverages.topology())) {
      TestInputTopic<String, TemperatureReading> in =
          driver.inputTopic(
              SensorCleansing.TEMP_CLEAN, SluiceSerdes.strings(), SensorCleansing.READING_SERDE);
      readings.forEach(reading -> in.pipe(reading.sensorId(), reading));

      List<KeyValue<String, Double>> actual =
          driver
              .outputTopic(
                  SensorAverages.SENSOR_AVERAGES, SluiceSerdes.strings(), SluiceSerdes.doubles())
              .readKeyValuesToList();
      assertThat(actual).isEqualTo(expected);
      assertThat(actual)
          .anyMatch(pair -> pair.value() == null)
          .anyMatch(pair -> pair.value() != null);
    }
  }
}
