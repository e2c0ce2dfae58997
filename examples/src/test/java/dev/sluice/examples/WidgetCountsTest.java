package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.KeyValue;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WidgetCountsTest {

  @Test
  void eachWidgetEmitsItsLinesRunningCountAsRecomputedHere() {
    Random random = new Random(7);
    String[] colours = {"RED", "BLUE", "GREEN"};
    List<Widget> widgets = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String line = random.nextInt(10) == 0 ? null : "line-" + random.nextInt(4);
      widgets.add(new Widget("w" + i, colours[random.nextInt(3)], line));
    }
    Map<String, Long> counts = new HashMap<>();
    List<KeyValue<String, Long>> expected = new ArrayList<>();
    for (Widget widget : widgets) {
      if (widget.productionLine() != null) {
        long count = counts.merge(widget.productionLine(), 1L, Long::sum);
        expected.add(KeyValue.pair(widget.productionLine(), count));
      }
    }

    try (TopologyTestDriver driver = new TopologyTestDriver(WidgetCounts.topology())) {
      TestInputTopic<String, Widget> in =
          driver.inputTopic(RedWidgets.WIDGETS, SluiceSerdes.strings(), RedWidgets.WIDGET_SERDE);
      widgets.forEach(widget -> in.pipe(widget.id(), widget));

      assertThat(
              driver
                  .outputTopic(
                      WidgetCounts.WIDGET_COUNTS, SluiceSerdes.strings(), SluiceSerdes.longs())
                  .readKeyValuesToList())
          .isEqualTo(expected);
      assertThat(WidgetCounts.topology().describe().text()).contains("widgets-by-line-repartition");
    }
  }
}
