package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The README's flagship command: runs the completed-orders pipeline over sample order events and
 * prints what reaches {@code complete_orders}.
 *
 * <p>Until the Kafka runtime lands it runs the topology in the offline test driver, which drives
 * the same task code the runtime will.
 */
public final class FlagshipExample {

  private FlagshipExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(sampleOrders(), System.out);
  }

  /**
   * Pipes orders through the completed-orders topology and prints the output.
   *
   * @param orders the input events
   * @param out where to print
   * @return the completed orders, in output order
   */
  static List<Order> run(List<Order> orders, PrintStream out) {
    Topology topology = CompletedOrders.topology();
    out.println(topology.describe());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(topology, Map.of("application.id", "completed-orders"))) {
      TestInputTopic<String, Order> input =
          driver.inputTopic(
              CompletedOrders.ORDERS, SluiceSerdes.strings(), CompletedOrders.ORDER_SERDE);
      TestOutputTopic<String, Order> output =
          driver.outputTopic(
              CompletedOrders.COMPLETE_ORDERS, SluiceSerdes.strings(), CompletedOrders.ORDER_SERDE);
      long timestamp = 1_700_000_000_000L;
      for (Order order : orders) {
        input.pipe(order.id(), order, timestamp);
        out.printf("orders          <- %s%n", order);
        timestamp += 1_000;
      }
      List<TestRecord<String, Order>> completed = output.readAll();
      completed.forEach(record -> out.printf("complete_orders -> %s%n", record.value()));
      out.printf("%d of %d orders were complete%n", completed.size(), orders.size());
      return completed.stream().map(TestRecord::value).toList();
    }
  }

  /**
   * A small day of orders.
   *
   * @return the events
   */
  static List<Order> sampleOrders() {
    String[] statuses = {"NEW", "PAID", "SHIPPED", "COMPLETE"};
    List<Order> orders = new java.util.ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      orders.add(new Order("o" + i, "c" + (i % 4), 10.0 * i + 0.5, statuses[(i * 7) % 4]));
    }
    return orders;
  }
}
