package dev.sluice.streams.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Branched;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.KStream;
import dev.sluice.streams.Named;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.streams.TopologyDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class DescribeGoldenTest {

  /** Orders split by status; one branch enriched, one merged back with a second source. */
  static Topology multiBranch() {
    StreamsBuilder builder = new StreamsBuilder();
    Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
    Produced<String, String> out = Produced.with(Serdes.String(), Serdes.String());
    KStream<String, String> orders = builder.stream("orders", strings);
    Map<String, KStream<String, String>> branches =
        orders
            .filter((k, v) -> v != null)
            .split(Named.as("by-status-"))
            .branch((k, v) -> v.endsWith("COMPLETE"), Branched.as("complete"))
            .branch(
                (k, v) -> v.endsWith("NEW"),
                Branched.withConsumer(s -> s.mapValues(v -> v + "!").to("new_orders", out), "new"))
            .defaultBranch();
    branches.get("by-status-complete").to("complete_orders", out);
    KStream<String, String> returns = builder.stream("returns", strings);
    branches.get("by-status-0").merge(returns).peek((k, v) -> {}).to("other_orders", out);
    builder.stream("audit", strings).foreach((k, v) -> {});
    return builder.build();
  }

  @Test
  void describeTextMatchesTheGoldenFile() throws IOException {
    TopologyDescription description = multiBranch().describe();
    assertThat(description.text()).isEqualTo(golden("multi-branch.txt"));
  }

  @Test
  void mermaidMatchesTheGoldenFile() throws IOException {
    assertThat(multiBranch().describe().mermaid()).isEqualTo(golden("multi-branch.mmd"));
  }

  @Test
  void describingTwiceGivesTheSameText() {
    assertThat(multiBranch().describe()).isEqualTo(multiBranch().describe());
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = DescribeGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
