package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.KeyValue;
import dev.sluice.streams.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * One runnable example: its topology, its input topic with sample events, and its output topic
 * (String keys on both).
 *
 * @param name the name used on the command line
 * @param applicationId the application id it runs under
 * @param topology builds the topology
 * @param inputTopic the topic it reads
 * @param inputSerde the value serde of the input topic
 * @param samples sample input events
 * @param outputTopic the topic it writes
 * @param outputSerde the value serde of the output topic
 * @param <I> the input value type
 * @param <O> the output value type
 */
public record Example<I, O>(
    String name,
    String applicationId,
    Supplier<Topology> topology,
    String inputTopic,
    Serde<I> inputSerde,
    List<KeyValue<String, I>> samples,
    String outputTopic,
    Serde<O> outputSerde) {

  /**
   * The examples that run on a broker.
   *
   * @return completed orders (the flagship), red widgets, sensor cleansing, account balances,
   *     widget counts and sensor averages
   */
  public static List<Example<?, ?>> all() {
    return List.of(orders(), widgets(), sensors(), balances(), widgetCounts(), sensorAverages());
  }

  /**
   * The names {@link #named} accepts.
   *
   * @return the names, separated by {@code |}
   */
  public static String names() {
    return String.join("|", all().stream().map(Example::name).toList());
  }

  /**
   * Looks an example up by name.
   *
   * @param name one of {@link #names()}
   * @return the example
   */
  public static Example<?, ?> named(String name) {
    return all().stream()
        .filter(example -> example.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown example '" + name + "': use one of " + names()));
  }

  static Example<Order, Order> orders() {
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
        CompletedOrders.ORDER_SERDE,
        samples,
        CompletedOrders.COMPLETE_ORDERS,
        CompletedOrders.ORDER_SERDE);
  }

  static Example<Widget, Widget> widgets() {
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
        RedWidgets.WIDGET_SERDE,
        samples,
        RedWidgets.WIDGETS_RED,
        RedWidgets.WIDGET_SERDE);
  }

  static Example<TemperatureReading, TemperatureReading> sensors() {
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
        SensorCleansing.READING_SERDE,
        samples,
        SensorCleansing.TEMP_CLEAN,
        SensorCleansing.READING_SERDE);
  }

  static Example<Transaction, Double> balances() {
    List<KeyValue<String, Transaction>> samples = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      Transaction transaction =
          new Transaction("acct-" + (i % 3), i % 4 == 0 ? -25.0 * i : 10.0 * i);
      samples.add(KeyValue.pair(transaction.accountId(), transaction));
    }
    return new Example<>(
        "balances",
        "account-balances",
        AccountBalances::topology,
        AccountBalances.TRANSACTIONS,
        AccountBalances.TRANSACTION_SERDE,
        samples,
        AccountBalances.BALANCES,
        SluiceSerdes.doubles());
  }

  static Example<Widget, Long> widgetCounts() {
    Example<Widget, Widget> widgets = widgets();
    return new Example<>(
        "widget-counts",
        "widget-counts",
        WidgetCounts::topology,
        widgets.inputTopic(),
        widgets.inputSerde(),
        widgets.samples(),
        WidgetCounts.WIDGET_COUNTS,
        SluiceSerdes.longs());
  }

  static Example<TemperatureReading, Double> sensorAverages() {
    List<KeyValue<String, TemperatureReading>> samples = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      TemperatureReading reading =
          new TemperatureReading("s" + (i % 3), i % 3 == 2 ? 40.0 - 4.0 * i : 12.0 + 1.5 * i);
      samples.add(KeyValue.pair(reading.sensorId(), reading));
    }
    return new Example<>(
        "sensor-averages",
        "sensor-averages",
        SensorAverages::topology,
        SensorCleansing.TEMP_CLEAN,
        SensorCleansing.READING_SERDE,
        samples,
        SensorAverages.SENSOR_AVERAGES,
        SluiceSerdes.doubles());
  }
}
