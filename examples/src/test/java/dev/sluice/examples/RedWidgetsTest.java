package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RedWidgetsTest {

  @Test
  void onlyRedWidgetsReachTheOutput() {
    Random random = new Random(7);
    String[] colours = {"RED", "red", "BLUE", "GREEN", "Red"};
    List<Widget> widgets = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      widgets.add(
          new Widget(
              "w" + i, colours[random.nextInt(colours.length)], "line-" + random.nextInt(3)));
    }
    List<Widget> expected = new ArrayList<>();
    for (Widget widget : widgets) {
      if (widget.colour().toUpperCase(java.util.Locale.ROOT).equals("RED")) {
        expected.add(widget);
      }
    }

    try (TopologyTestDriver driver = new TopologyTestDriver(RedWidgets.topology())) {
      TestInputTopic<String, Widget> in =
          driver.inputTopic(RedWidgets.WIDGETS, SluiceSerdes.strings(), RedWidgets.WIDGET_SERDE);
      widgets.forEach(widget -> in.pipe(widget.id(), widget));

      assertThat(
              driver
                  .outputTopic(
                      RedWidgets.WIDGETS_RED, SluiceSerdes.strings(), RedWidgets.WIDGET_SERDE)
                  .readValuesToList())
          .isEqualTo(expected)
          .isNotEmpty();
    }
  }
}
