package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.state.KeyValueIterator;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Table-table foreign-key joins through the test driver: orders ({@code orderId -> "product:qty"})
 * point at products ({@code productId -> name}) by the product id in their value.
 */
class ForeignKeyJoinTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());

  /** The product an order points at: the part before ':', or null for "none:...". */
  private static final Function<String, String> PRODUCT =
      order -> order.startsWith("none:") ? null : order.substring(0, order.indexOf(':'));

  private static final ValueJoiner<String, String, String> JOINER =
      (order, product) -> order + "/" + product;

  private static final String BURST_TABLE = "from-order-bursts.flatMapValues.toTable";

  private enum Kind {
    INNER,
    LEFT
  }

  private static KTable<String, String> join(
      Kind kind, KTable<String, String> orders, KTable<String, String> products) {
    return kind == Kind.INNER
        ? orders.join(products, PRODUCT, JOINER)
        : orders.leftJoin(products, PRODUCT, JOINER);
  }

  /** Strings by default: the result store takes the default value serde. */
  private static StreamsBuilder builder() {
    return StreamsBuilder.withDefaultSerdes(Serdes.String(), Serdes.String());
  }

  /** orders and products as tables of their topics, joined, the result written to "out". */
  private static Topology topology(Kind kind) {
    StreamsBuilder builder = builder();
    KTable<String, String> orders = builder.table("orders", STRINGS);
    KTable<String, String> products = builder.table("products", STRINGS);
    join(kind, orders, products).toStream().to("out", OUT);
    return builder.build();
  }

  /**
   * Orders from a stream whose values are comma-separated successive values of one order ("-"
   * deletes it), so one input record updates the order several times before any subscription is
   * answered.
   */
  private static Topology burstTopology(Kind kind) {
    StreamsBuilder builder = builder();
    KTable<String, String> orders =
        builder.stream("order-bursts", STRINGS)
            .flatMapValues(
                burst ->
                    Arrays.stream(burst.split(",")).map(v -> v.equals("-") ? null : v).toList())
            .toTable(Materialized.with(Serdes.String(), Serdes.String()));
    KTable<String, String> products = builder.table("products", STRINGS);
    join(kind, orders, products).toStream().to("out", OUT);
    return builder.build();
  }

  /** The store of the join's results, named from the join step. */
  private static String resultStore(String table, Kind kind) {
    return table + (kind == Kind.INNER ? ".join" : ".leftJoin") + "-store";
  }

  private static TestInputTopic<String, String> topic(TopologyTestDriver driver, String name) {
    return driver.inputTopic(name, Serdes.String(), Serdes.String());
  }

  private static List<TestRecord<String, String>> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll();
  }

  private static List<String> outValues(TopologyTestDriver driver) {
    return driver.outputTopic("out", Serdes.String(), Serdes.String()).readValuesToList();
  }

  @Test
  void theLeftRowFirstIsJoinedWhenTheRightRowArrives() {
    for (Kind kind : Kind.values()) {
      try (TopologyTestDriver driver = new TopologyTestDriver(topology(kind))) {
        topic(driver, "orders").pipe("o1", "p1:2");
        topic(driver, "products").pipe("p1", "pen");

        List<String> expected =
            kind == Kind.INNER ? List.of("p1:2/pen") : List.of("p1:2/null", "p1:2/pen");
        assertThat(outValues(driver)).as(kind.name()).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void theRightRowFirstIsJoinedWhenTheLeftRowArrives() {
    for (Kind kind : Kind.values()) {
      try (TopologyTestDriver driver = new TopologyTestDriver(topology(kind))) {
        topic(driver, "products").pipe("p1", "pen");
        topic(driver, "orders").pipe("o1", "p1:2");

        assertThat(out(driver))
            .as(kind.name())
            .extracting(TestRecord::key, TestRecord::value)
            .containsExactly(tuple("o1", "p1:2/pen"));
      }
    }
  }

  @Test
  void aForeignKeyChangeMovesTheRowToTheNewRightRow() {
    for (Kind kind : Kind.values()) {
      try (TopologyTestDriver driver = new TopologyTestDriver(topology(kind))) {
        TestInputTopic<String, String> products = topic(driver, "products");
        TestInputTopic<String, String> orders = topic(driver, "orders");
        products.pipe("p1", "pen");
        products.pipe("p2", "ink");
        orders.pipe("o1", "p1:1");
        orders.pipe("o1", "p2:1"); // points at p2 now
        products.pipe("p1", "red pen"); // no longer o1's product: nothing for o1
        products.pipe("p2", "blue ink");
        orders.pipe("o1", "p3:1"); // p3 does not exist

        List<String> expected =
            kind == Kind.INNER
                ? Arrays.asList("p1:1/pen", "p2:1/ink", "p2:1/blue ink", null)
                : List.of("p1:1/pen", "p2:1/ink", "p2:1/blue ink", "p3:1/null");
        assertThat(outValues(driver)).as(kind.name()).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void aResponseToAValueTheRowNoLongerHasIsDropped() {
    // one input record moves o1 from p1 to p2 before p1's answer is back: p1's answer is for the
    // old value and must not produce "p2:1/pen"
    for (Kind kind : Kind.values()) {
      try (TopologyTestDriver driver = new TopologyTestDriver(burstTopology(kind))) {
        topic(driver, "products").pipe("p1", "pen");
        topic(driver, "products").pipe("p2", "ink");
        topic(driver, "order-bursts").pipe("o1", "p1:1,p2:1");
        topic(driver, "order-bursts").pipe("o1", "p2:2,p1:2,p2:3");

        assertThat(outValues(driver)).as(kind.name()).containsExactly("p2:1/ink", "p2:3/ink");
        assertThat(driver.<String, String>keyValueStore(resultStore(BURST_TABLE, kind)).get("o1"))
            .isEqualTo("p2:3/ink");
      }
    }
  }

  @Test
  void aRightRowUpdateReachesEveryLeftRowPointingAtIt() {
    try (TopologyTestDriver driver = new TopologyTestDriver(topology(Kind.INNER))) {
      TestInputTopic<String, String> orders = topic(driver, "orders");
      orders.pipe("o1", "p1:1");
      orders.pipe("o2", "p1:2");
      orders.pipe("o3", "p2:3");
      orders.pipe("o4", "p1:4");
      topic(driver, "products").pipe("p1", "pen");

      Map<String, String> latest = new TreeMap<>();
      out(driver).forEach(r -> latest.put(r.key(), r.value()));
      assertThat(latest)
          .containsExactly(
              Map.entry("o1", "p1:1/pen"),
              Map.entry("o2", "p1:2/pen"),
              Map.entry("o4", "p1:4/pen"));

      topic(driver, "products").pipe("p1", "red pen");
      out(driver).forEach(r -> latest.put(r.key(), r.value()));
      assertThat(latest)
          .containsExactly(
              Map.entry("o1", "p1:1/red pen"),
              Map.entry("o2", "p1:2/red pen"),
              Map.entry("o4", "p1:4/red pen"));
    }
  }

  @Test
  void aRightRowUpdateReachesNoRowOfAKeyItIsAPrefixOf() {
    // subscriptions are found by a prefix scan: "p1" must not find the subscribers of "p10"
    try (TopologyTestDriver driver = new TopologyTestDriver(topology(Kind.LEFT))) {
      topic(driver, "orders").pipe("o1", "p1:1");
      topic(driver, "orders").pipe("o10", "p10:1");
      out(driver);
      topic(driver, "products").pipe("p1", "pen");

      assertThat(out(driver))
          .extracting(TestRecord::key, TestRecord::value)
          .containsExactly(tuple("o1", "p1:1/pen"));
    }
  }

  @Test
  void deletingTheRightRowDeletesInnerResultsAndNullsLeftOnes() {
    for (Kind kind : Kind.values()) {
      try (TopologyTestDriver driver = new TopologyTestDriver(topology(kind))) {
        topic(driver, "products").pipe("p1", "pen");
        topic(driver, "orders").pipe("o1", "p1:1");
        topic(driver, "orders").pipe("o2", "p1:2");
        out(driver);
        topic(driver, "products").pipe("p1", null);

        Map<String, String> deleted = new TreeMap<>();
        out(driver).forEach(r -> deleted.put(r.key(), r.value()));
        Map<String, String> expected = new TreeMap<>();
        expected.put("o1", kind == Kind.INNER ? null : "p1:1/null");
        expected.put("o2", kind == Kind.INNER ? null : "p1:2/null");
        assertThat(deleted).as(kind.name()).isEqualTo(expected);

        topic(driver, "products").pipe("p1", "new pen"); // back again: the rows are joined again
        assertThat(outValues(driver))
            .as(kind.name())
            .containsExactly("p1:1/new pen", "p1:2/new pen");
      }
    }
  }

  @Test
  void deletingTheLeftRowDeletesTheResultAndUnsubscribes() {
    for (Kind kind : Kind.values()) {
      try (TopologyTestDriver driver = new TopologyTestDriver(topology(kind))) {
        topic(driver, "products").pipe("p1", "pen");
        topic(driver, "orders").pipe("o1", "p1:1");
        topic(driver, "orders").pipe("o1", null);
        topic(driver, "products").pipe("p1", "red pen"); // o1 is gone: nothing more for it
        topic(driver, "orders").pipe("o2", null); // never existed: no output

        assertThat(outValues(driver)).as(kind.name()).containsExactly("p1:1/pen", null);
        assertThat(
                driver
                    .<Object, Object>keyValueStore(
                        resultStore("from-orders.table", kind)
                            .replace("-store", "-subscription-store"))
                    .approximateNumEntries())
            .isZero();
      }
    }
  }

  @Test
  void aNullForeignKeyGivesNoInnerResultAndALeftResultWithNull() {
    for (Kind kind : Kind.values()) {
      try (TopologyTestDriver driver = new TopologyTestDriver(topology(kind))) {
        topic(driver, "products").pipe("p1", "pen");
        topic(driver, "orders").pipe("o1", "none:1"); // points at no product
        topic(driver, "orders").pipe("o2", "p1:2");
        topic(driver, "orders").pipe("o2", "none:2"); // stops pointing at p1
        topic(driver, "products").pipe("p1", "red pen"); // reaches no order

        List<String> expected =
            kind == Kind.INNER
                ? Arrays.asList("p1:2/pen", null)
                : List.of("none:1/null", "p1:2/pen", "none:2/null");
        assertThat(outValues(driver)).as(kind.name()).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void theResultIsAStoredTableWithOldValuesForDownstreamSteps() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> orders = builder.table("orders", STRINGS);
    KTable<String, String> products = builder.table("products", STRINGS);
    orders
        .join(
            products,
            PRODUCT,
            JOINER,
            Named.as("order-products"),
            Materialized.<String, String>as("joined").withValueSerde(Serdes.String()))
        .filter((order, joined) -> joined.endsWith("/pen"))
        .toStream()
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      topic(driver, "products").pipe("p1", "pen");
      topic(driver, "orders").pipe("o1", "p1:1");
      topic(driver, "products").pipe("p1", "ink"); // the filter retracts the row it passed

      assertThat(outValues(driver)).containsExactly("p1:1/pen", null);
      assertThat(driver.<String, String>keyValueStore("joined").get("o1")).isEqualTo("p1:1/ink");
    }
  }

  @Test
  void theBuilderDefaultKeySerdeWritesTheLeftKeyInSubscriptions() {
    // keys are strings, values longs: the subscription carries the left key, so it must use the
    // default key serde, not the value serde
    StreamsBuilder builder = StreamsBuilder.withDefaultSerdes(Serdes.String(), Serdes.Long());
    KTable<String, Long> accounts = builder.table("accounts");
    KTable<String, Long> branches = builder.table("branches");
    accounts
        .leftJoin(branches, balance -> "b" + (balance % 2), (balance, code) -> balance * 100 + code)
        .toStream()
        .to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("branches", Serdes.String(), Serdes.Long()).pipe("b1", 7L);
      driver.inputTopic("accounts", Serdes.String(), Serdes.Long()).pipe("a1", 5L);

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Long()).readToMap())
          .containsExactly(Map.entry("a1", 507L));
    }
  }

  @Test
  void randomUpdatesEndInTheJoinOfTheFinalTables() {
    for (Kind kind : Kind.values()) {
      for (long seed = 1; seed <= 4; seed++) {
        Random random = new Random(seed);
        Map<String, String> orders = new HashMap<>();
        Map<String, String> products = new HashMap<>();
        Map<String, String> output = new TreeMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(burstTopology(kind))) {
          TestInputTopic<String, String> orderBursts = topic(driver, "order-bursts");
          TestInputTopic<String, String> productTopic = topic(driver, "products");
          for (int i = 0; i < 300; i++) {
            if (random.nextInt(3) == 0) {
              String product = "p" + random.nextInt(6);
              String name = random.nextInt(5) == 0 ? null : "name" + random.nextInt(100);
              productTopic.pipe(product, name);
              put(products, product, name);
            } else {
              String order = "o" + random.nextInt(20);
              // a burst of one to three successive values races their subscriptions
              StringBuilder burst = new StringBuilder();
              int values = 1 + random.nextInt(3);
              String last = null;
              for (int v = 0; v < values; v++) {
                int product = random.nextInt(7); // p6 never exists
                int dice = random.nextInt(10);
                last = dice == 0 ? null : (dice == 1 ? "none" : "p" + product) + ":" + i + "." + v;
                burst.append(v == 0 ? "" : ",").append(last == null ? "-" : last);
              }
              orderBursts.pipe(order, burst.toString());
              put(orders, order, last);
            }
            out(driver).forEach(r -> put(output, r.key(), r.value()));
          }
          Map<String, String> expected = new TreeMap<>();
          orders.forEach(
              (order, value) -> {
                String productId = PRODUCT.apply(value);
                String product = productId == null ? null : products.get(productId);
                if (product != null || kind == Kind.LEFT) {
                  expected.put(order, JOINER.apply(value, product));
                }
              });
          assertThat(output).as(kind + " seed " + seed).isEqualTo(expected);
          Map<String, String> stored = new TreeMap<>();
          try (KeyValueIterator<String, String> all =
              driver.<String, String>keyValueStore(resultStore(BURST_TABLE, kind)).all()) {
            all.forEachRemaining(kv -> stored.put(kv.key(), kv.value()));
          }
          assertThat(stored).as(kind + " seed " + seed + " store").isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void aTableCanPointAtItsOwnRows() {
    // employees ("name>manager id") joined with their manager's row in the same table
    StreamsBuilder builder = builder();
    KTable<String, String> employees = builder.table("employees", STRINGS);
    employees
        .leftJoin(
            employees,
            employee ->
                employee.contains(">") ? employee.substring(employee.indexOf('>') + 1) : null,
            (employee, manager) ->
                employee.split(">")[0]
                    + " reports to "
                    + (manager == null ? "nobody" : manager.split(">")[0]))
        .toStream()
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> input = topic(driver, "employees");
      input.pipe("e1", "ann");
      input.pipe("e2", "bob>e1");
      input.pipe("e3", "cid>e2");
      input.pipe("e1", "anna"); // the manager's row changes: bob's result follows

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readToMap())
          .containsExactly(
              Map.entry("e1", "anna reports to nobody"),
              Map.entry("e2", "bob reports to anna"),
              Map.entry("e3", "cid reports to bob"));
    }
  }

  @Test
  void theJoinsStepsTopicsAndStoresHaveStableNamesInDescribe() {
    // the left table's task subscribes and resolves; the right table's task keeps the
    // subscriptions; two internal topics connect them
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> orders = builder.table("orders", STRINGS);
    KTable<String, String> products = builder.table("products", STRINGS);
    orders
        .leftJoin(products, PRODUCT, JOINER, Materialized.with(Serdes.String(), Serdes.String()))
        .toStream()
        .to("out", OUT);

    assertThat(builder.build().describe().text())
        .isEqualTo(
            """
            Topologies:
              Sub-topology: 0
                Source: from-orders (topics: [orders])
                  --> from-orders.table
                Processor: from-orders.table (operation: table, stores: [from-orders.table-store])
                  --> from-orders.table.leftJoin.subscribe
                  <-- from-orders
                Processor: from-orders.table.leftJoin.subscribe (operation: leftJoin, stores: [from-orders.table-store])
                  --> from-orders.table.leftJoin-subscription-repartition-sink, from-orders.table.leftJoin.resolve
                  <-- from-orders.table
                Sink: from-orders.table.leftJoin-subscription-repartition-sink (topic: from-orders.table.leftJoin-subscription-repartition)
                  <-- from-orders.table.leftJoin.subscribe
                Source: from-orders.table.leftJoin-response-repartition-source (topics: [from-orders.table.leftJoin-response-repartition])
                  --> from-orders.table.leftJoin.resolve
                Processor: from-orders.table.leftJoin.resolve (operation: leftJoin, stores: [from-orders.table-store])
                  --> from-orders.table.leftJoin
                  <-- from-orders.table.leftJoin-response-repartition-source, from-orders.table.leftJoin.subscribe
                Processor: from-orders.table.leftJoin (operation: leftJoin, stores: [from-orders.table.leftJoin-store])
                  --> from-orders.table.leftJoin.toStream
                  <-- from-orders.table.leftJoin.resolve
                Processor: from-orders.table.leftJoin.toStream (operation: toStream)
                  --> from-orders.table.leftJoin.toStream.to-out
                  <-- from-orders.table.leftJoin
                Sink: from-orders.table.leftJoin.toStream.to-out (topic: out)
                  <-- from-orders.table.leftJoin.toStream
              Sub-topology: 1
                Source: from-products (topics: [products])
                  --> from-products.table
                Processor: from-products.table (operation: table, stores: [from-products.table-store])
                  --> from-orders.table.leftJoin.rightUpdates
                  <-- from-products
                Source: from-orders.table.leftJoin-subscription-repartition-source (topics: [from-orders.table.leftJoin-subscription-repartition])
                  --> from-orders.table.leftJoin.subscriptions
                Processor: from-orders.table.leftJoin.subscriptions (operation: leftJoin, stores: [from-orders.table.leftJoin-subscription-store, from-products.table-store])
                  --> from-orders.table.leftJoin-response-repartition-sink
                  <-- from-orders.table.leftJoin-subscription-repartition-source
                Processor: from-orders.table.leftJoin.rightUpdates (operation: leftJoin, stores: [from-orders.table.leftJoin-subscription-store])
                  --> from-orders.table.leftJoin-response-repartition-sink
                  <-- from-products.table
                Sink: from-orders.table.leftJoin-response-repartition-sink (topic: from-orders.table.leftJoin-response-repartition)
                  <-- from-orders.table.leftJoin.subscriptions, from-orders.table.leftJoin.rightUpdates
              Internal topics:
                from-orders.table.leftJoin-subscription-repartition (repartition, written by sub-topology 0, read by sub-topology 1)
                from-orders.table.leftJoin-response-repartition (repartition, written by sub-topology 1, read by sub-topology 0)
                from-orders.table.leftJoin-store-changelog (changelog of store from-orders.table.leftJoin-store, sub-topology 0)
                from-orders.table.leftJoin-subscription-store-changelog (changelog of store from-orders.table.leftJoin-subscription-store, sub-topology 1)
            """);
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }
}
