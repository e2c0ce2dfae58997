package dev.sluice.examples;

import dev.sluice.streams.KeyValue;
import dev.sluice.streams.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * One runnable example: its topology, its input and output topics (String keys, values of one
 * type), and sample input events.
 *
 * @param name the name used on the command line
 * @param applicationId the application id it runs under
 * @param topology builds the topology
 * @param inputTopic the topic it reads
 * @param outputTopic the topic it writes
 * @param valueSerde the value serde of both topics
 * @param samples sample input events
 * @param <V> the value type
 */
public record Example<V>(
    String name,
    String applicationId,
    Supplier<Topology> topology,
    String inputTopic,
    String outputTopic,
    Serde<V> valueSerde,
    List<KeyValue<String, V>> samples) {

  /**
   * The examples that run on a broker.
   *
   * @return completed orders (the flagship), red widgets and sensor cleansing
   */
  public static List<Example<?>> all() {
    return List.of(orders(), widgets(), sensors());
  }

  /**
   * Looks an example up by name.
   *
   * @param name {@code orders}, {@code widgets} or {@code sensors}
   * @return the example
   */
  public static Example<?> named(String name) {
    return all().stream()
        .filter(example -> example.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown example '" + name + "': use orders, widgets or sensors"));
  }

  static Example<Order> orders() {
    String[] statuses = {"NEW", "PAID", "SHIPPED", "COMPLETE"};
    List<KeyValue<String, Order>> samples = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      Order order = new Order("o" + i, "c" + (i % 4), 10.0 * i + 0.5, statuses[(i * 7) % 4]);
      samples.add(KeyValue.pair(order.id(), order));
    }
    return new Example<>(
        "orders",
        "completed-orders",
        CompletedOrders::topology,
        CompletedOrders.ORDERS,
        CompletedOrders.COMPLETE_ORDERS,
        CompletedOrders.ORDER_SERDE,
        samples);
  }

  static Example<Widget> widgets() {
    String[] colours = {"RED", "BLUE", "GREEN"};
    List<KeyValue<String, Widget>> samples = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      Widget widget = new Widget("w" + i, colours[i % 3], "line-" + (i % 2));
      samples.add(KeyValue.pair(widget.id(), widget));
    }
    return new Example<>(
        "widgets",
        "red-widgets",
        RedWidgets::topology,
        RedWidgets.WIDGETS,
        RedWidgets.WIDGETS_RED,
        RedWidgets.WIDGET_SERDE,
        samples);
  }

  static Example<TemperatureReading> sensors() {
    List<KeyValue<String, TemperatureReading>> samples = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      String sensor = i % 4 == 0 ? null : "s" + (i % 3);
      samples.add(KeyValue.pair(null, new TemperatureReading(sensor, 15.0 + i)));
    }
    return new Example<>(
        "sensors",
        "sensor-cleansing",
        SensorCleansing::topology,
        SensorCleansing.TEMP_RAW,
        SensorCleansing.TEMP_CLEAN,
        SensorCleansing.READING_SERDE,
        samples);
  }
}
