package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FlagshipExampleIT {

  @Test
  @Timeout(180)
  void theFlagshipRunsOnAnEmbeddedBrokerAndPrintsEachCompletedOrder() throws Exception {
    List<Order> orders = FlagshipExample.sampleOrders();
    List<Order> expected = orders.stream().filter(o -> o.status().equals("COMPLETE")).toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<Order> completed =
        FlagshipExample.run(
            new FlagshipExample.Options(null, expected.size()),
            orders,
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new CountDownLatch(1));

    assertThat(completed).containsExactlyInAnyOrderElementsOf(expected);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    expected.forEach(order -> assertThat(printed).contains("complete_orders -> " + order));
    assertThat(printed).contains("application: REBALANCING -> RUNNING");
  }
}
