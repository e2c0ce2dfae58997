package dev.sluice.streams.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.KStream;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.internal.graph.GraphNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class StableNamesTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());

  /** Two branches off one filter; the hook may add steps to branch "a" only. */
  private static Set<String> names(Consumer<StreamsBuilder> before, boolean extraStepInBranchA) {
    StreamsBuilder builder = new StreamsBuilder();
    before.accept(builder);
    KStream<String, String> orders = builder.stream("orders", STRINGS).filter((k, v) -> true);
    KStream<String, String> a = orders.mapValues(v -> v + "a");
    if (extraStepInBranchA) {
      a = a.peek((k, v) -> {});
    }
    a.to("out-a", OUT);
    orders.mapValues(v -> v + "b").filterNot((k, v) -> false).to("out-b", OUT);
    orders.selectKey((k, v) -> v).to("out-c", OUT);
    return ((CompiledTopology) builder.build())
        .subTopologies().stream()
            .flatMap(sub -> sub.nodes().stream())
            .map(GraphNode::name)
            .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  @Test
  void addingAStepToOneBranchRenamesNothingOutsideThatBranchsDownstream() {
    Set<String> before = names(b -> {}, false);
    Set<String> after = names(b -> {}, true);

    Set<String> outsideBranchA =
        before.stream()
            .filter(name -> !name.startsWith("from-orders.filter.mapValues."))
            .collect(Collectors.toSet());
    assertThat(after).containsAll(outsideBranchA);
    assertThat(after)
        .contains(
            "from-orders.filter.mapValues.peek", "from-orders.filter.mapValues.peek.to-out-a");
    assertThat(after).hasSize(before.size() + 1);
  }

  @Test
  void addingAnUnrelatedStreamFirstRenamesNothing() {
    Set<String> before = names(b -> {}, false);
    Set<String> after =
        names(b -> b.stream("audit", STRINGS).filter((k, v) -> true).foreach((k, v) -> {}), false);

    assertThat(after).containsAll(before);
    assertThat(after).hasSize(before.size() + 3);
  }

  @Test
  void siblingsWithTheSameVerbAreToldApartInDefinitionOrder() {
    Set<String> names = names(b -> {}, false);

    assertThat(names)
        .contains("from-orders.filter.mapValues", "from-orders.filter.mapValues-2")
        .contains("from-orders.filter.mapValues-2.filterNot.to-out-b");
  }
}
