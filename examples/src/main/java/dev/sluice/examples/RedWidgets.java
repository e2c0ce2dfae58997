package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import org.apache.kafka.common.serialization.Serde;

/** Red widgets: copies widgets whose colour is RED from {@code widgets} to {@code widgets_red}. */
public final class RedWidgets {
  /** The input topic. */
  public static final String WIDGETS = "widgets";

  /** The output topic. */
  public static final String WIDGETS_RED = "widgets_red";

  /** The value serde of both topics. */
  public static final Serde<Widget> WIDGET_SERDE = SluiceSerdes.json(Widget.class);

  private RedWidgets() {}

  /**
   * The topology.
   *
   * @return {@code widgets} → colour == RED → {@code widgets_red}
   */
  public static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(WIDGETS, Consumed.with(SluiceSerdes.strings(), WIDGET_SERDE))
        .filter((id, widget) -> widget != null && "RED".equalsIgnoreCase(widget.colour()))
        .to(WIDGETS_RED, Produced.with(SluiceSerdes.strings(), WIDGET_SERDE));
    return builder.build();
  }
}
