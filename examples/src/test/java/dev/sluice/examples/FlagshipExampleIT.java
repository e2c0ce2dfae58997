package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every example runs on a real broker and prints exactly what the pipeline should output. */
@Timeout(240)
class FlagshipExampleIT {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.inProcess();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theFlagshipStartsItsOwnBrokerAndPrintsEachCompletedOrder() throws Exception {
    Example<Order, Order> orders = Example.orders();
    List<Order> expected =
        orders.samples().stream()
            .map(kv -> kv.value())
            .filter(o -> o.status().equals("COMPLETE"))
            .toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<KeyValue<String, Order>> completed =
        FlagshipExample.run(
            new FlagshipExample.Options("orders", null, expected.size()),
            orders,
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new CountDownLatch(1));

    assertThat(values(completed)).containsExactlyInAnyOrderElementsOf(expected);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("Starting an embedded Kafka broker");
    expected.forEach(
        order -> assertThat(printed).contains("complete_orders -> " + order.id() + ": " + order));
    assertThat(printed).contains("application: REBALANCING -> RUNNING");
  }

  @Test
  void redWidgetsRunOnAGivenBroker() throws Exception {
    Example<Widget, Widget> widgets = Example.widgets();
    List<Widget> expected =
        widgets.samples().stream()
            .map(kv -> kv.value())
            .filter(w -> w.colour().equals("RED"))
            .toList();

    List<KeyValue<String, Widget>> red = runOnSharedBroker(widgets, expected.size());

    assertThat(values(red)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void sensorCleansingRunsOnAGivenBroker() throws Exception {
    Example<TemperatureReading, TemperatureReading> sensors = Example.sensors();
    List<TemperatureReading> expected =
        sensors.samples().stream().map(kv -> kv.value()).filter(r -> r.sensorId() != null).toList();

    List<KeyValue<String, TemperatureReading>> clean = runOnSharedBroker(sensors, expected.size());

    assertThat(values(clean)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void accountBalancesEndAtEachAccountsSumOfTransactions() throws Exception {
    Example<Transaction, Double> balances = Example.balances();
    Map<String, Double> expected = new HashMap<>();
    balances.samples().forEach(kv -> expected.merge(kv.key(), kv.value().amount(), Double::sum));

    assertThat(latestPerKey(runUntilTable(balances, expected))).isEqualTo(expected);
  }

  @Test
  void widgetCountsEndAtEachLinesNumberOfWidgets() throws Exception {
    Example<Widget, Long> counts = Example.widgetCounts();
    Map<String, Long> expected = new HashMap<>();
    counts.samples().forEach(kv -> expected.merge(kv.value().productionLine(), 1L, Long::sum));

    assertThat(latestPerKey(runUntilTable(counts, expected))).isEqualTo(expected);
  }

  @Test
  void sensorAveragesKeepOnlySensorsAveragingAboveTwentyAndDeleteTheOthers() throws Exception {
    Example<TemperatureReading, Double> averages = Example.sensorAverages();
    Map<String, double[]> sums = new HashMap<>();
    averages
        .samples()
        .forEach(
            kv -> {
              double[] sum = sums.computeIfAbsent(kv.key(), key -> new double[2]);
              sum[0] += kv.value().celsius();
              sum[1]++;
            });
    Map<String, Double> expected = new HashMap<>();
    sums.forEach(
        (sensor, sum) -> {
          if (sum[0] / sum[1] > SensorAverages.THRESHOLD) {
            expected.put(sensor, sum[0] / sum[1]);
          }
        });
    assertThat(expected).hasSizeLessThan(sums.size()); // one sensor ends deleted

    assertThat(latestPerKey(runUntilTable(averages, expected))).isEqualTo(expected);
  }

  private static <I, O> List<KeyValue<String, O>> runOnSharedBroker(
      Example<I, O> example, int results) throws Exception {
    return FlagshipExample.run(
        new FlagshipExample.Options(example.name(), kafka.bootstrapServers(), results),
        example,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new CountDownLatch(1));
  }

  /**
   * Runs on a broker of its own (the shared one already has other examples' events on the topic
   * this one reads) until the output, read as a changelog, holds exactly the expected table.
   */
  private static <I, O> List<KeyValue<String, O>> runUntilTable(
      Example<I, O> example, Map<String, O> expected) throws Exception {
    return FlagshipExample.run(
        new FlagshipExample.Options(example.name(), null, 0),
        example,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new CountDownLatch(1),
        results -> latestPerKey(results).equals(expected));
  }

  private static <O> Map<String, O> latestPerKey(List<KeyValue<String, O>> records) {
    Map<String, O> table = new HashMap<>();
    for (KeyValue<String, O> record : records) {
      if (record.value() == null) {
        table.remove(record.key());
      } else {
        table.put(record.key(), record.value());
      }
    }
    return table;
  }

  private static <O> List<O> values(List<KeyValue<String, O>> records) {
    return records.stream().map(KeyValue::value).toList();
  }
}
