package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import org.apache.kafka.common.serialization.Serde;

/**
 * Completed orders: copies orders whose status is COMPLETE from {@code orders} to {@code
 * complete_orders}.
 */
public final class CompletedOrders {
  /** The input topic. */
  public static final String ORDERS = "orders";

  /** The output topic. */
  public static final String COMPLETE_ORDERS = "complete_orders";

  /** The value serde of both topics. */
  public static final Serde<Order> ORDER_SERDE = SluiceSerdes.json(Order.class);

  private CompletedOrders() {}

  /**
   * The topology.
   *
   * @return {@code orders} → status == COMPLETE → {@code complete_orders}
   */
  public static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(ORDERS, Consumed.with(SluiceSerdes.strings(), ORDER_SERDE))
        .filter((id, order) -> order != null && "COMPLETE".equals(order.status()))
        .to(COMPLETE_ORDERS, Produced.with(SluiceSerdes.strings(), ORDER_SERDE));
    return builder.build();
  }
}
