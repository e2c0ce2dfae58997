package dev.sluice.streams.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.TopologyException;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.internal.ops.RecordFunctionProcessor;
import dev.sluice.streams.processor.ProcessorSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** How stores compile: placement, internal topics, binding and validation. */
class StoreCompileTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final ProcessorSupplier<String, String, String, String> PASS =
      RecordFunctionProcessor.of(r -> r);

  private static Materialized<String, Long> store(String name) {
    return Materialized.<String, Long>as(name)
        .withKeySerde(Serdes.String())
        .withValueSerde(Serdes.Long());
  }

  @Test
  void stepsSharingAStoreRunInOneSubTopology() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store("shared"));
    builder.stream("a", STRINGS).process(PASS, "shared");
    builder.stream("b", STRINGS).process(PASS, "shared");

    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.subTopologies()).hasSize(1);
    assertThat(topology.subTopologies().get(0).stores())
        .extracting(StoreSpec::name)
        .containsExactly("shared");
  }

  @Test
  void loggedStoresHaveACompactedChangelogThatBindingPrefixesWithTheApplicationId() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store("logged"));
    builder.addStateStore(store("unlogged").withLoggingDisabled());
    builder.stream("a", STRINGS).process(PASS, "logged", "unlogged");

    CompiledTopology unbound = (CompiledTopology) builder.build();
    CompiledTopology bound = unbound.forApplication("app");

    assertThat(unbound.internalTopics())
        .containsExactly(
            new InternalTopic(
                "logged-changelog", InternalTopic.Kind.CHANGELOG, "compact", 0, 0, "logged"));
    assertThat(bound.internalTopics())
        .extracting(InternalTopic::name)
        .containsExactly("app-logged-changelog");
    assertThat(bound.applicationId()).isEqualTo("app");
    assertThat(bound.forApplication("app")).isSameAs(bound);
    assertThatThrownBy(() -> bound.forApplication("other"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bound to application 'app' and cannot be rebound to 'other'");
  }

  @Test
  void storeProblemsAreListedWithEveryOtherProblem() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store("twice"));
    builder.addStateStore(store("twice"));
    builder.addStateStore(Materialized.as("no-serdes"));
    builder.stream("a", STRINGS).process(PASS, "twice", "no-serdes", "missing");

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            TopologyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "store name 'twice' is used by 2 steps (addStateStore(twice),"
                            + " addStateStore(twice)): give each store its own name with"
                            + " Materialized.as(name)",
                        "step 'addStateStore(no-serdes)' has no key serde for its store"
                            + " 'no-serdes': pass Materialized.with(keySerde, valueSerde) (or"
                            + " Grouped.with for the key), or create the builder with"
                            + " StreamsBuilder.withDefaultSerdes",
                        "Processor 'from-a.process' uses store 'missing', which is not defined:"
                            + " add it with StreamsBuilder.addStateStore(Materialized.as(\"missing\")"
                            + "...) or fix the name; defined stores are [twice, no-serdes]"));
  }

  @Test
  void storeSerdesFallBackToTheBuilderDefaults() {
    StreamsBuilder builder = StreamsBuilder.withDefaultSerdes(Serdes.String(), Serdes.String());
    builder.addStateStore(Materialized.as("defaulted"));
    builder.<String, String>stream("a").process(PASS, "defaulted");

    StoreSpec spec = ((CompiledTopology) builder.build()).stores().get(0);

    assertThat(spec.keySerde()).isNotNull();
    assertThat(spec.valueSerde()).isNotNull();
  }

  @Test
  void aDeclaredStoreThatNoStepUsesIsAProblem() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store("forgotten"));
    builder.stream("a", STRINGS).process(PASS);

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "store 'forgotten' is declared but no step uses it: pass its name to"
                + " process(supplier, \"forgotten\") or connectProcessorAndStateStores, or"
                + " remove it");
  }

  @Test
  void lowLevelProcessorsAreConnectedToStoresByName() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(store("counts"));
    builder.addSource("source", STRINGS, "a");
    builder.addProcessor("counter", PASS, "source");
    builder.connectProcessorAndStateStores("counter", "counts");

    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.describe().text())
        .contains("Processor: counter (operation: process, stores: [counts])");
    assertThatThrownBy(() -> builder.connectProcessorAndStateStores("counterr", "counts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no processor step named 'counterr'");
  }
}
