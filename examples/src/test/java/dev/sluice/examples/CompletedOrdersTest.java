package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompletedOrdersTest {

  @Test
  void onlyCompleteOrdersReachTheOutputInInputOrder() {
    Random random = new Random(42);
    String[] statuses = {"NEW", "PAID", "SHIPPED", "COMPLETE", "complete"};
    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      orders.add(
          new Order(
              "o" + i,
              "c" + random.nextInt(20),
              random.nextInt(10_000) / 100.0,
              statuses[random.nextInt(statuses.length)]));
    }
    List<KeyValue<String, Order>> expected = new ArrayList<>();
    for (Order order : orders) {
      if (order.status().equals("COMPLETE")) {
        expected.add(KeyValue.pair(order.id(), order));
      }
    }

    try (TopologyTestDriver driver = new TopologyTestDriver(CompletedOrders.topology())) {
      TestInputTopic<String, Order> in =
          driver.inputTopic(
              CompletedOrders.ORDERS, SluiceSerdes.strings(), CompletedOrders.ORDER_SERDE);
      TestOutputTopic<String, Order> out =
          driver.outputTopic(
              CompletedOrders.COMPLETE_ORDERS, SluiceSerdes.strings(), CompletedOrders.ORDER_SERDE);
      orders.forEach(order -> in.pipe(order.id(), order));

      assertThat(out.readKeyValuesToList()).isEqualTo(expected).isNotEmpty();
    }
  }

  @Test
  void aNullOrderIsDroppedNotFailed() {
    try (TopologyTestDriver driver = new TopologyTestDriver(CompletedOrders.topology())) {
      TestInputTopic<String, Order> in =
          driver.inputTopic(
              CompletedOrders.ORDERS, SluiceSerdes.strings(), CompletedOrders.ORDER_SERDE);
      in.pipe("o1", null);
      in.pipe("o2", new Order("o2", "c", 1.0, "COMPLETE"));

      assertThat(
              driver
                  .outputTopic(
                      CompletedOrders.COMPLETE_ORDERS,
                      SluiceSerdes.strings(),
                      CompletedOrders.ORDER_SERDE)
                  .readValuesToList())
          .containsExactly(new Order("o2", "c", 1.0, "COMPLETE"));
    }
  }
}
