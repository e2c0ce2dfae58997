package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    Example<Order> orders = Example.orders();
    List<Order> expected =
        orders.samples().stream()
            .map(kv -> kv.value())
            .filter(o -> o.status().equals("COMPLETE"))
            .toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<Order> completed =
        FlagshipExample.run(
            new FlagshipExample.Options("orders", null, expected.size()),
            orders,
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new CountDownLatch(1));

    assertThat(completed).containsExactlyInAnyOrderElementsOf(expected);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("Starting an embedded Kafka broker");
    expected.forEach(order -> assertThat(printed).contains("complete_orders -> " + order));
    assertThat(printed).contains("application: REBALANCING -> RUNNING");
  }

  @Test
  void redWidgetsRunOnAGivenBroker() throws Exception {
    Example<Widget> widgets = Example.widgets();
    List<Widget> expected =
        widgets.samples().stream()
            .map(kv -> kv.value())
            .filter(w -> w.colour().equals("RED"))
            .toList();

    List<Widget> red = runOnSharedBroker(widgets, expected.size());

    assertThat(red).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void sensorCleansingRunsOnAGivenBroker() throws Exception {
    Example<TemperatureReading> sensors = Example.sensors();
    List<TemperatureReading> expected =
        sensors.samples().stream().map(kv -> kv.value()).filter(r -> r.sensorId() != null).toList();

    List<TemperatureReading> clean = runOnSharedBroker(sensors, expected.size());

    assertThat(clean).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static <V> List<V> runOnSharedBroker(Example<V> example, int results) throws Exception {
    return FlagshipExample.run(
        new FlagshipExample.Options(example.name(), kafka.bootstrapServers(), results),
        example,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new CountDownLatch(1));
  }
}
