package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;

/**
 * Widget counts: counts the widgets of each production line, from {@code widgets} to {@code
 * widget_counts} (line → count after each widget). Re-grouping by line sends the widgets through
 * the repartition topic {@code <application.id>-widgets-by-line-repartition}.
 *
 * <p>Runs on a broker with {@code --example widget-counts}.
 */
public final class WidgetCounts {
  /** The output topic and store name. */
  public static final String WIDGET_COUNTS = "widget_counts";

  private WidgetCounts() {}

  /**
   * The topology.
   *
   * @return {@code widgets} → group by production line → count → {@code widget_counts}
   */
  public static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            RedWidgets.WIDGETS, Consumed.with(SluiceSerdes.strings(), RedWidgets.WIDGET_SERDE))
        .filter((id, widget) -> widget != null && widget.productionLine() != null)
        .groupBy(
            (id, widget) -> widget.productionLine(),
            Grouped.with(SluiceSerdes.strings(), RedWidgets.WIDGET_SERDE)
                .withName("widgets-by-line"))
        .count(
            Materialized.<String, Long>as(WIDGET_COUNTS)
                .withKeySerde(SluiceSerdes.strings())
                .withValueSerde(SluiceSerdes.longs()))
        .toStream()
        .to(WIDGET_COUNTS, Produced.with(SluiceSerdes.strings(), SluiceSerdes.longs()));
    return builder.build();
  }
}
