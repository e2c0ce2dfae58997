package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.KeyValueStore;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Global tables and stream-global-table joins through the test driver: orders keyed by order id,
 * valued {@code <customer>:<item>}, enriched with the customers global table by the customer id the
 * key selector extracts.
 */
class GlobalTableTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());
  private static final KeyValueMapper<String, String, String> CUSTOMER =
      (orderId, order) -> order.substring(0, order.indexOf(':'));
  private static final ValueJoiner<String, String, String> ENRICH =
      (order, customer) -> order + "@" + customer;

  @TempDir Path stateDir;

  private static Topology ordersJoinCustomers(boolean left) {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> customers =
        builder.globalTable("customers", STRINGS, Materialized.as("customers"));
    KStream<String, String> orders = builder.stream("orders", STRINGS);
    (left ? orders.leftJoin(customers, CUSTOMER, ENRICH) : orders.join(customers, CUSTOMER, ENRICH))
        .to("out", OUT);
    return builder.build();
  }

  private static TestInputTopic<String, String> topic(TopologyTestDriver driver, String name) {
    return driver.inputTopic(name, Serdes.String(), Serdes.String());
  }

  private static TestOutputTopic<String, String> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", Serdes.String(), Serdes.String());
  }

  @Test
  void anInnerJoinLooksUpTheSelectedKeyAndKeepsTheStreamKey() {
    try (TopologyTestDriver driver = new TopologyTestDriver(ordersJoinCustomers(false))) {
      TestInputTopic<String, String> customers = topic(driver, "customers");
      TestInputTopic<String, String> orders = topic(driver, "orders");
      orders.pipe("o1", "c1:apple"); // before the row arrives: no match, dropped
      customers.pipe("c1", "ann"); // a table update emits nothing
      orders.pipe("o2", "c1:pear");
      orders.pipe("o3", "c2:plum"); // a customer not in the table

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("o2", "c1:pear@ann"));
    }
  }

  @Test
  void updatesAndTombstonesInTheGlobalTableChangeWhatLaterRecordsFind() {
    try (TopologyTestDriver inner = new TopologyTestDriver(ordersJoinCustomers(false));
        TopologyTestDriver left = new TopologyTestDriver(ordersJoinCustomers(true))) {
      for (TopologyTestDriver driver : new TopologyTestDriver[] {inner, left}) {
        topic(driver, "customers").pipe("c1", "ann");
        topic(driver, "orders").pipe("o1", "c1:apple");
        topic(driver, "customers").pipe("c1", "anna");
        topic(driver, "orders").pipe("o2", "c1:pear");
        topic(driver, "customers").pipe("c1", null);
        topic(driver, "orders").pipe("o3", "c1:plum");
      }

      assertThat(out(inner).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("o1", "c1:apple@ann"), KeyValue.pair("o2", "c1:pear@anna"));
      assertThat(out(left).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("o1", "c1:apple@ann"),
              KeyValue.pair("o2", "c1:pear@anna"),
              KeyValue.pair("o3", "c1:plum@null"));
    }
  }

  @Test
  void aLeftJoinPassesNullForAMissingRow() {
    try (TopologyTestDriver driver = new TopologyTestDriver(ordersJoinCustomers(true))) {
      topic(driver, "orders").pipe("o1", "c1:apple");
      topic(driver, "customers").pipe("c1", "ann");
      topic(driver, "orders").pipe("o2", "c1:pear");
      topic(driver, "orders").pipe("o3", "c9:plum");

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("o1", "c1:apple@null"),
              KeyValue.pair("o2", "c1:pear@ann"),
              KeyValue.pair("o3", "c9:plum@null"));
    }
  }

  @Test
  void aNullSelectedKeyIsDroppedByAnInnerJoinAndJoinedWithNullByALeftJoin() {
    KeyValueMapper<String, String, String> customerOrNull =
        (orderId, order) -> order.startsWith("-") ? null : CUSTOMER.apply(orderId, order);
    Map<Boolean, TopologyTestDriver> drivers = new java.util.HashMap<>();
    for (boolean left : new boolean[] {false, true}) {
      StreamsBuilder builder = new StreamsBuilder();
      GlobalKTable<String, String> customers = builder.globalTable("customers", STRINGS);
      KStream<String, String> orders = builder.stream("orders", STRINGS);
      (left
              ? orders.leftJoin(customers, customerOrNull, ENRICH)
              : orders.join(customers, customerOrNull, ENRICH))
          .to("out", OUT);
      drivers.put(left, new TopologyTestDriver(builder.build()));
    }
    try (TopologyTestDriver inner = drivers.get(false);
        TopologyTestDriver left = drivers.get(true)) {
      for (TopologyTestDriver driver : drivers.values()) {
        topic(driver, "customers").pipe("c1", "ann");
        topic(driver, "orders").pipe("o1", "-anonymous");
        topic(driver, "orders").pipe("o2", "c1:pear");
      }

      assertThat(out(inner).readKeyValuesToList())
          .containsExactly(KeyValue.pair("o2", "c1:pear@ann"));
      assertThat(inner.skippedRecords()).isEqualTo(1);
      assertThat(out(left).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("o1", "-anonymous@null"), KeyValue.pair("o2", "c1:pear@ann"));
      assertThat(left.skippedRecords()).isZero();
    }
  }

  @Test
  void aNullStreamKeyIsJoinedByTheSelectedKeyButANullValueIsDropped() {
    try (TopologyTestDriver driver = new TopologyTestDriver(ordersJoinCustomers(false))) {
      topic(driver, "customers").pipe("c1", "ann");
      topic(driver, "orders").pipe(null, "c1:apple");
      topic(driver, "orders").pipe("o2", null);

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair(null, "c1:apple@ann"));
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  private static Topology pricesJoin() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, Long> prices =
        builder.globalTable(
            "prices", Consumed.with(Serdes.String(), Serdes.Long()), Materialized.as("prices"));
    builder.stream("orders", STRINGS)
        .join(prices, (orderId, item) -> item, (item, price) -> item + "=" + price)
        .to("out", OUT);
    return builder.build();
  }

  @Test
  void anUndecodableGlobalRecordFailsNamingItsTopicOrIsSkippedUnderLogAndContinue() {
    try (TopologyTestDriver failing = new TopologyTestDriver(pricesJoin())) {
      TestInputTopic<String, String> badPrices = topic(failing, "prices");
      assertThatThrownBy(() -> badPrices.pipe("apple", "not a long"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining(
              "could not deserialize the value of the record at prices-0 offset 0");
    }
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            pricesJoin(),
            Map.of(SluiceConfig.DESERIALIZATION_EXCEPTION_HANDLER, "log-and-continue"))) {
      topic(driver, "prices").pipe("apple", "not a long");
      driver.inputTopic("prices", Serdes.String(), Serdes.Long()).pipe("pear", 3L);
      topic(driver, "orders").pipe("o1", "apple");
      topic(driver, "orders").pipe("o2", "pear");

      assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("o2", "pear=3"));
      assertThat(driver.skippedRecords()).isEqualTo(1);
    }
  }

  @Test
  void theDriverReadsTheGlobalStoreWhichTasksCannotWrite() {
    try (TopologyTestDriver driver = new TopologyTestDriver(ordersJoinCustomers(false))) {
      topic(driver, "customers").pipe("c1", "ann");
      topic(driver, "customers").pipe("c2", "bob");
      topic(driver, "customers").pipe("c2", null);
      topic(driver, "customers").pipe(null, "no key"); // skipped and counted

      KeyValueStore<String, String> store = driver.keyValueStore("customers");
      assertThat(store.get("c1")).isEqualTo("ann");
      assertThat(store.get("c2")).isNull();
      assertThat(driver.skippedRecords()).isEqualTo(1);
      assertThatThrownBy(() -> store.put("c3", "cy"))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("global store 'customers' is read-only")
          .hasMessageContaining("topic 'customers'");
    }
  }

  @Test
  void stepsOfEverySubTopologyReadTheSameTableAndARekeyedStreamNeedsNoRepartition() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> customers =
        builder.globalTable("customers", STRINGS, Materialized.as("customers"));
    builder.stream("orders", STRINGS).join(customers, CUSTOMER, ENRICH).to("out", OUT);
    builder.stream("returns", STRINGS)
        .selectKey((key, value) -> "r-" + key)
        .leftJoin(customers, CUSTOMER, ENRICH)
        .to("out", OUT);
    Topology topology = builder.build();
    assertThat(topology.subTopologyCount()).isEqualTo(2);
    assertThat(topology.sourceTopics()).containsExactly("orders", "returns");

    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      topic(driver, "customers").pipe("c1", "ann");
      topic(driver, "orders").pipe("o1", "c1:apple");
      topic(driver, "returns").pipe("x1", "c1:pear");

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("o1", "c1:apple@ann"), KeyValue.pair("r-x1", "c1:pear@ann"));
    }
  }

  @Test
  void describeShowsTheGlobalStoreAndItsTopicButNoChangelog() {
    String text = ordersJoinCustomers(false).describe().text();

    assertThat(text)
        .contains(
            "  Global stores (one per instance, read by every task):\n"
                + "    Global store: customers (fed by source from-customers from every partition"
                + " of topic customers)\n")
        .contains("Processor: from-orders.join (operation: join, stores: [customers])")
        .doesNotContain("changelog");
    assertThat(ordersJoinCustomers(false).describe().mermaid())
        .contains("[(\"Global store: customers\")]")
        .contains(" -.-> ");
  }

  @Test
  void buildRejectsATopicReadBothGloballyAndAsAStreamAndAStoreNameUsedTwice() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> customers =
        builder.globalTable("customers", STRINGS, Materialized.as("shared"));
    builder.stream("customers", STRINGS).join(customers, CUSTOMER, ENRICH).to("out", OUT);
    builder.table("other", STRINGS, Materialized.as("shared"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining(
            "topic 'customers' is read both as a global table and by source 'from-customers-2'")
        .hasMessageContaining("store name 'shared' of the global table of topic 'customers'");
  }

  @Test
  void aGlobalTableWithoutSerdesFailsAtBuildNamingTheFix() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> customers = builder.globalTable("customers");
    builder.stream("orders", STRINGS).join(customers, CUSTOMER, ENRICH).to("out", OUT);

    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("global table of topic 'customers' has no key serde")
        .hasMessageContaining("Consumed.with(keySerde, valueSerde)");
  }

  @Test
  void aGlobalTableFromAnotherBuilderIsRejected() {
    GlobalKTable<String, String> foreign = new StreamsBuilder().globalTable("customers", STRINGS);
    KStream<String, String> orders = new StreamsBuilder().stream("orders", STRINGS);

    assertThatThrownBy(() -> orders.join(foreign, CUSTOMER, ENRICH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the global table must come from the same StreamsBuilder");
    assertThatThrownBy(() -> orders.join(foreign, null, ENRICH))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("keySelector");
  }

  @Test
  void aPersistentGlobalStoreResumesFromItsCheckpointAfterARestart() {
    Map<String, Object> config =
        Map.of(SluiceConfig.APPLICATION_ID, "app", "state.dir", stateDir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(ordersJoinCustomers(false), config)) {
      topic(driver, "customers").pipe("c1", "ann");
      topic(driver, "customers").pipe("c2", "bob");
    }
    try (TopologyTestDriver driver = new TopologyTestDriver(ordersJoinCustomers(false), config)) {
      // nothing piped into customers this time: the rows come from the store on disk
      topic(driver, "orders").pipe("o1", "c2:pear");
      topic(driver, "customers").pipe("c2", "bo");
      topic(driver, "orders").pipe("o2", "c2:plum");

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("o1", "c2:pear@bob"), KeyValue.pair("o2", "c2:plum@bo"));
      assertThat(driver.keyValueStore("customers").get("c1")).isEqualTo("ann");
    }
  }

  @Test
  void namedJoinStepsTakeTheGivenNames() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> customers =
        builder.globalTable("customers", Consumed.with(Serdes.String(), Serdes.String()));
    KStream<String, String> orders = builder.stream("orders", STRINGS);
    orders.join(customers, CUSTOMER, ENRICH, Named.as("enrich")).to("out", OUT);
    orders.leftJoin(customers, CUSTOMER, ENRICH, Named.as("enrich-left")).to("out2", OUT);

    String text = builder.build().describe().text();
    assertThat(text)
        .contains("Processor: enrich (operation: join, stores: [from-customers.globalTable-store])")
        .contains("Processor: enrich-left (operation: leftJoin");
    assertThat(customers.queryableStoreName()).isEqualTo("from-customers.globalTable-store");
  }
}
