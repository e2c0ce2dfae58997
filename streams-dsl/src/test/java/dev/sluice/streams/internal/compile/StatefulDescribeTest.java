package dev.sluice.streams.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.Grouped;
import dev.sluice.streams.KStream;
import dev.sluice.streams.KeyValue;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.internal.graph.StoreSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** describe() of a stateful topology, and the stability of its store and topic names. */
class StatefulDescribeTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Grouped<String, String> GROUPED =
      Grouped.with(Serdes.String(), Serdes.String());

  /**
   * Orders counted per customer (no repartition), latest order per status (repartition after
   * selectKey, two aggregations sharing it), and customers re-grouped by country.
   *
   * @param unrelatedSteps whether to add steps that touch no stateful path
   */
  static CompiledTopology stateful(boolean unrelatedSteps) {
    StreamsBuilder builder = new StreamsBuilder();
    if (unrelatedSteps) {
      builder.stream("audit", STRINGS).filter((k, v) -> true).foreach((k, v) -> {});
    }
    KStream<String, String> orders = builder.stream("orders", STRINGS);
    if (unrelatedSteps) {
      orders.mapValues(v -> v + "!").to("shouted", Produced.with(Serdes.String(), Serdes.String()));
    }
    orders
        .groupByKey()
        .count()
        .toStream()
        .to("customer-counts", Produced.with(Serdes.String(), Serdes.Long()));
    KStream<String, String> byStatus = orders.selectKey((k, v) -> v);
    byStatus.groupByKey(GROUPED).reduce((a, b) -> b, Materialized.as("latest-by-status"));
    byStatus.groupByKey(GROUPED).count(Materialized.as("orders-per-status"));
    builder
        .table("customers", STRINGS)
        .groupBy((customer, country) -> KeyValue.pair(country, customer), GROUPED)
        .count()
        .toStream()
        .to("customers-per-country", Produced.with(Serdes.String(), Serdes.Long()));
    return (CompiledTopology) builder.build();
  }

  @Test
  void describeTextMatchesTheGoldenFile() throws IOException {
    assertThat(stateful(false).describe().text()).isEqualTo(golden("stateful.txt"));
  }

  @Test
  void storeChangelogAndRepartitionNamesSurviveAnUnrelatedStep() {
    CompiledTopology before = stateful(false).forApplication("app");
    CompiledTopology after = stateful(true).forApplication("app");

    // sub-topology ids follow definition order, so only names, kinds and stores are compared
    assertThat(topics(after)).isEqualTo(topics(before));
    assertThat(names(after.stores())).isEqualTo(names(before.stores()));
    assertThat(names(before.stores()))
        .containsExactly(
            "from-orders.count-store",
            "latest-by-status",
            "orders-per-status",
            "from-customers.table-store",
            "from-customers.table.groupBy.count-store");
  }

  private static List<String> topics(CompiledTopology topology) {
    return topology.internalTopics().stream()
        .map(topic -> topic.name() + " " + topic.kind() + " " + topic.storeName())
        .toList();
  }

  private static List<String> names(List<StoreSpec> stores) {
    return stores.stream().map(StoreSpec::name).toList();
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = StatefulDescribeTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
