package dev.sluice.streams.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Named;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.TopologyException;
import dev.sluice.streams.internal.ops.RecordFunctionProcessor;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  @Test
  void everyProblemIsListedInOneException() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("orders").to("copy"); // no serdes anywhere
    builder.stream("payments", STRINGS).mapValues(v -> v.length(), Named.as("len")).to("lengths");
    builder.stream("refunds", STRINGS)
        .filter((k, v) -> true, Named.as("len"))
        .to("r", Produced.with(Serdes.String(), Serdes.String()));
    builder.addSink("orphan", "nowhere", Produced.with(Serdes.String(), Serdes.String()));
    builder.addProcessor("dangling", RecordFunctionProcessor.of(r -> r), "missing-parent");
    builder.stream("payments", STRINGS).foreach((k, v) -> {});

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            TopologyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "step name 'len' is used by 2 steps (Processor, Processor): give each step its own name",
                        "Sink 'orphan' has no upstream: name at least one parent step",
                        "Processor 'dangling' names parent 'missing-parent', which is not defined before"
                            + " it: add 'missing-parent' first or fix the name",
                        "topic 'payments' is read by two sources, 'from-payments' and 'from-payments-2':"
                            + " read it once and reuse the stream",
                        "Source 'from-orders' (topics [orders]) has no key serde: pass"
                            + " Consumed.with(keySerde, valueSerde) or create the builder with"
                            + " StreamsBuilder.withDefaultSerdes",
                        "Source 'from-orders' (topics [orders]) has no value serde: pass"
                            + " Consumed.with(keySerde, valueSerde) or create the builder with"
                            + " StreamsBuilder.withDefaultSerdes",
                        "Sink 'from-orders.to-copy' (topic copy) has no key serde: no upstream serde"
                            + " is known after [from-orders]; pass Produced.with(keySerde, valueSerde)"
                            + " or create the builder with StreamsBuilder.withDefaultSerdes",
                        "Sink 'from-orders.to-copy' (topic copy) has no value serde: no upstream serde"
                            + " is known after [from-orders]; pass Produced.with(keySerde, valueSerde)"
                            + " or create the builder with StreamsBuilder.withDefaultSerdes",
                        "Sink 'len.to-lengths' (topic lengths) has no value serde: no upstream serde"
                            + " is known after [len]; pass Produced.with(keySerde, valueSerde) or"
                            + " create the builder with StreamsBuilder.withDefaultSerdes"))
        .hasMessageStartingWith("Invalid topology (9 problems):");
  }

  @Test
  void aMissingSerdeOfAnInternalTopicNamesTheOptionOfTheStepThatMadeIt() {
    StreamsBuilder builder = new StreamsBuilder();
    // selectKey: the new keys' serde is unknown, so every internal topic after it lacks one
    builder.stream("a", STRINGS)
        .selectKey((k, v) -> v, Named.as("rekey-a"))
        .repartition()
        .to("a-out", Produced.with(Serdes.String(), Serdes.String()));
    builder.stream("b", STRINGS)
        .selectKey((k, v) -> v, Named.as("rekey-b"))
        .groupByKey()
        .count(Materialized.with(Serdes.String(), Serdes.Long()));
    KTable<String, String> table = builder.table("t", STRINGS);
    // the join takes the table's key serde; the new values' serde is unknown
    builder.stream("c", STRINGS)
        .selectKey((k, v) -> v, Named.as("rekey-c"))
        .mapValues(String::length, Named.as("length-c"))
        .join(table, (v, t) -> v + t)
        .to("c-out", Produced.with(Serdes.String(), Serdes.String()));

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "Sink 'rekey-a.repartition-repartition-sink' (topic rekey-a.repartition-repartition)"
                + " has no key serde: no upstream serde is known after [rekey-a]; pass"
                + " Repartitioned.with(keySerde, valueSerde) to repartition()")
        .hasMessageContaining(
            "Sink 'rekey-b-repartition-sink' (topic rekey-b-repartition) has no key serde: no"
                + " upstream serde is known after [rekey-b]; pass Grouped.with(keySerde,"
                + " valueSerde) to the grouping")
        .hasMessageContaining(
            "Sink 'length-c-repartition-sink' (topic length-c-repartition) has no value serde: no"
                + " upstream serde is known after [length-c]; pass Joined.with(keySerde,"
                + " valueSerde, otherValueSerde) to the join");
  }

  @Test
  void anEmptyBuilderHasNoSource() {
    assertThatThrownBy(() -> new StreamsBuilder().build())
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "the topology has no source: start a stream with builder.stream(topic)");
  }

  @Test
  void aSinkCannotFeedAnotherStep() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addSource("src", STRINGS, "in");
    builder.addSink("sink", "out", Produced.with(Serdes.String(), Serdes.String()), "src");
    builder.addProcessor("after-sink", RecordFunctionProcessor.of(r -> r), "sink");

    assertThatThrownBy(builder::build)
        .hasMessageContaining("Processor 'after-sink' names parent 'sink', which is a sink");
  }

  @Test
  void defaultSerdesSatisfySourcesAndSinks() {
    StreamsBuilder builder = StreamsBuilder.withDefaultSerdes(Serdes.String(), Serdes.String());
    builder.stream("orders").mapValues(v -> v).to("copy");

    assertThat(builder.build().sinkTopics()).containsExactly("copy");
  }

  @Test
  void aBuiltTopologyIsNotChangedByLaterAdditions() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("a", STRINGS).foreach((k, v) -> {});
    var first = builder.build();
    builder.stream("b", STRINGS).foreach((k, v) -> {});

    assertThat(first.sourceTopics()).containsExactly("a");
    assertThat(builder.build().sourceTopics()).containsExactly("a", "b");
    assertThat(builder.build().subTopologyCount()).isEqualTo(2);
  }
}
