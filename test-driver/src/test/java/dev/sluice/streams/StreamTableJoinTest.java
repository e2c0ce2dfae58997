package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.InternalTopic;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Stream-table joins (inner and left) through the test driver. */
class StreamTableJoinTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());

  private static TestInputTopic<String, String> topic(TopologyTestDriver driver, String name) {
    return driver.inputTopic(name, Serdes.String(), Serdes.String());
  }

  private static TestOutputTopic<String, String> out(TopologyTestDriver driver) {
    return driver.outputTopic("out", Serdes.String(), Serdes.String());
  }

  private static Topology clicksJoinUsers(boolean left) {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> users = builder.table("users", STRINGS, Materialized.as("users"));
    KStream<String, String> clicks = builder.stream("clicks", STRINGS);
    ValueJoiner<String, String, String> joiner = (click, user) -> click + "@" + user;
    (left ? clicks.leftJoin(users, joiner) : clicks.join(users, joiner)).to("out", OUT);
    return builder.build();
  }

  @Test
  void anInnerJoinEmitsOnlyForStreamRecordsThatFindARow() {
    try (TopologyTestDriver driver = new TopologyTestDriver(clicksJoinUsers(false))) {
      TestInputTopic<String, String> users = topic(driver, "users");
      TestInputTopic<String, String> clicks = topic(driver, "clicks");
      clicks.pipe("u1", "early"); // no row yet: dropped by the inner join
      users.pipe("u1", "ann"); // a table update emits nothing
      clicks.pipe("u1", "c1");
      users.pipe("u1", "anna");
      clicks.pipe("u1", "c2");
      clicks.pipe("u2", "c3"); // another key, no row

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("u1", "c1@ann"), KeyValue.pair("u1", "c2@anna"));
    }
  }

  @Test
  void aLeftJoinEmitsEveryStreamRecordWithNullForAMissingRow() {
    try (TopologyTestDriver driver = new TopologyTestDriver(clicksJoinUsers(true))) {
      TestInputTopic<String, String> users = topic(driver, "users");
      TestInputTopic<String, String> clicks = topic(driver, "clicks");
      clicks.pipe("u1", "early");
      users.pipe("u1", "ann");
      clicks.pipe("u1", "c1");

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("u1", "early@null"), KeyValue.pair("u1", "c1@ann"));
    }
  }

  @Test
  void aTombstoneOnTheTableSideRemovesTheRowForLaterRecords() {
    try (TopologyTestDriver inner = new TopologyTestDriver(clicksJoinUsers(false));
        TopologyTestDriver left = new TopologyTestDriver(clicksJoinUsers(true))) {
      for (TopologyTestDriver driver : new TopologyTestDriver[] {inner, left}) {
        topic(driver, "users").pipe("u1", "ann");
        topic(driver, "clicks").pipe("u1", "c1");
        topic(driver, "users").pipe("u1", null); // the tombstone emits nothing either
        topic(driver, "clicks").pipe("u1", "c2");
      }

      assertThat(out(inner).readKeyValuesToList()).containsExactly(KeyValue.pair("u1", "c1@ann"));
      assertThat(out(left).readKeyValuesToList())
          .containsExactly(KeyValue.pair("u1", "c1@ann"), KeyValue.pair("u1", "c2@null"));
      assertThat(inner.<String, String>keyValueStore("users").get("u1")).isNull();
    }
  }

  @Test
  void streamRecordsWithANullKeyOrValueAreDroppedAndCounted() {
    try (TopologyTestDriver driver = new TopologyTestDriver(clicksJoinUsers(true))) {
      topic(driver, "users").pipe("u1", "ann");
      topic(driver, "clicks").pipe(null, "c1");
      topic(driver, "clicks").pipe("u1", null);

      assertThat(out(driver).readKeyValuesToList()).isEmpty();
      assertThat(driver.skippedRecords()).isEqualTo(2);
    }
  }

  @Test
  void aKeyChangeBeforeAJoinRepartitionsTheStreamAndCoPartitionsItWithTheTable() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> users = builder.table("users", STRINGS, Materialized.as("users"));
    builder.stream("clicks", STRINGS)
        .selectKey((key, value) -> value.split(":")[0]) // "u1:page" is keyed by u1
        .join(users, (click, user) -> click + "@" + user, Joined.as("clicks-by-user"))
        .to("out", OUT);
    Topology topology = builder.build();

    assertThat(topology.subTopologyCount()).isEqualTo(2);
    // the join's sub-topology reads the repartition topic and the table's topic: the runtime's
    // assignor requires them to have the same partition count (a co-partition group)
    assertThat(topology.describe().text())
        .contains("Sink: clicks-by-user-repartition-sink (topic: clicks-by-user-repartition)")
        .contains(
            "Source: clicks-by-user-repartition-source (topics: [clicks-by-user-repartition])")
        .contains("Processor: clicks-by-user (operation: join, stores: [users])");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      topic(driver, "users").pipe("u1", "ann");
      topic(driver, "users").pipe("u2", "bob");
      topic(driver, "clicks").pipe("x", "u1:home");
      topic(driver, "clicks").pipe("y", "u2:cart");
      topic(driver, "clicks").pipe("z", "u3:home");

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("u1", "u1:home@ann"), KeyValue.pair("u2", "u2:cart@bob"));
    }
  }

  @Test
  void aTableWithoutAStoreIsMaterializedOnceUnderAStableName() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> vips =
        builder.table("users", STRINGS).filter((key, value) -> value.startsWith("vip"));
    KStream<String, String> clicks = builder.stream("clicks", STRINGS);
    clicks.join(vips, (click, user) -> click + "@" + user).to("out", OUT);
    clicks
        .leftJoin(vips, (click, user) -> click + "@" + user)
        .to("out-left", Produced.with(Serdes.String(), Serdes.String()));
    Topology topology = builder.build();

    assertThat(topology.describe().text())
        .containsOnlyOnce(
            "Processor: from-users.table.filter.materialize (operation: materialize, stores:"
                + " [from-users.table.filter.materialize-store])")
        .contains(
            "Processor: from-clicks.join (operation: join, stores:"
                + " [from-users.table.filter.materialize-store])")
        .contains(
            "Processor: from-clicks.leftJoin (operation: leftJoin, stores:"
                + " [from-users.table.filter.materialize-store])");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      topic(driver, "users").pipe("u1", "vip-ann");
      topic(driver, "users").pipe("u2", "bob");
      topic(driver, "clicks").pipe("u1", "c1");
      topic(driver, "clicks").pipe("u2", "c2");
      topic(driver, "users").pipe("u1", "ann"); // no longer a vip: deleted from the filtered table
      topic(driver, "clicks").pipe("u1", "c3");

      assertThat(out(driver).readKeyValuesToList())
          .containsExactly(KeyValue.pair("u1", "c1@vip-ann"));
      assertThat(
              driver.outputTopic("out-left", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("c1@vip-ann", "c2@null", "c3@null");
    }
  }

  @Test
  void aJoinInputWithoutSerdesFailsTheBuildNamingTheStepAndTheFix() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, Integer> lengths =
        builder.table("users", STRINGS).mapValues(String::length); // value serde unknown
    KTable<String, String> names = builder.table("names", STRINGS);
    builder.stream("clicks", STRINGS)
        .selectKey((key, value) -> value)
        .mapValues(value -> value.length()) // value serde unknown before the repartition
        .join(names, (length, name) -> name + length)
        .to("out-1", OUT);
    builder.stream("clicks-2", STRINGS).join(lengths, (click, length) -> click).to("out-2", OUT);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            TopologyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "Sink 'from-clicks.selectKey.mapValues-repartition-sink' (topic"
                            + " from-clicks.selectKey.mapValues-repartition) has no value serde:"
                            + " no upstream serde is known after [from-clicks.selectKey.mapValues];"
                            + " pass Joined.with(keySerde, valueSerde, otherValueSerde) to the join"
                            + " or create the builder with StreamsBuilder.withDefaultSerdes",
                        "step 'from-users.table.mapValues.materialize' has no value serde for its"
                            + " store 'from-users.table.mapValues.materialize-store': it is kept"
                            + " for a join: pass Joined.with(keySerde, valueSerde,"
                            + " otherValueSerde) to the join (Materialized.with(keySerde,"
                            + " valueSerde) for the result of a foreign-key join), give its input a"
                            + " serde upstream, or create the builder with"
                            + " StreamsBuilder.withDefaultSerdes"));
  }

  @Test
  void joinedSerdesRepartitionTheStreamAndMaterializeTheTable() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, Integer> lengths = builder.table("users", STRINGS).mapValues(String::length);
    builder.stream("clicks", STRINGS)
        .selectKey((key, value) -> value)
        .mapValues(value -> value.length())
        .join(
            lengths,
            (clickLength, nameLength) -> clickLength + "/" + nameLength,
            Joined.with(Serdes.String(), Serdes.Integer(), Serdes.Integer()))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      topic(driver, "users").pipe("ann", "annabel");
      topic(driver, "clicks").pipe("x", "ann");

      assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("ann", "3/7"));
    }
  }

  @Test
  void repartitionSendsTheStreamThroughItsOwnTopicWhichTheJoinThenReads() {
    StreamsBuilder builder = new StreamsBuilder();
    KTable<String, String> users = builder.table("users", STRINGS);
    builder.stream("clicks", STRINGS)
        .repartition(Repartitioned.<String, String>as("clicks-by-user").withNumberOfPartitions(6))
        .join(users, (click, user) -> click + "@" + user)
        .to("out", OUT);
    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.internalTopics())
        .extracting(InternalTopic::name, InternalTopic::partitions)
        .containsExactly(tuple("clicks-by-user-repartition", 6));
    assertThat(topology.describe().text())
        .contains(
            "Sink: clicks-by-user-repartition-sink (topic: clicks-by-user-repartition)",
            "[clicks-by-user-repartition, users] (join step"
                + " clicks-by-user-repartition-source.join)");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      topic(driver, "users").pipe("u1", "ann");
      topic(driver, "clicks").pipe("u1", "c1");

      assertThat(out(driver).readKeyValuesToList()).containsExactly(KeyValue.pair("u1", "c1@ann"));
      assertThat(
              driver
                  .outputTopic("test-clicks-by-user-repartition", Serdes.String(), Serdes.String())
                  .readKeyValuesToList())
          .containsExactly(KeyValue.pair("u1", "c1"));
    }
  }

  @Test
  void anUnnamedRepartitionDerivesItsTopicFromTheStepAndLaterStepsDoNotRepartitionAgain() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("clicks", STRINGS)
        .selectKey((key, value) -> value)
        .repartition(Repartitioned.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count()
        .toStream()
        .to("out", Produced.with(Serdes.String(), Serdes.Long()));
    CompiledTopology topology = (CompiledTopology) builder.build();

    assertThat(topology.internalTopics())
        .filteredOn(topic -> topic.kind() == InternalTopic.Kind.REPARTITION)
        .extracting(InternalTopic::name, InternalTopic::fixedPartitions)
        .containsExactly(tuple("from-clicks.selectKey.repartition-repartition", false));
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      topic(driver, "clicks").pipe("x", "a");
      topic(driver, "clicks").pipe("y", "a");

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.Long()).readKeyValuesToList())
          .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("a", 2L));
    }
  }

  @Test
  void aRepartitionCountBelowOneIsRejected() {
    assertThatThrownBy(() -> Repartitioned.numberOfPartitions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Repartitioned: numberOfPartitions was 0; use 1 or more");
  }

  @Test
  void aJoinsStepAndStoreNamesAreStableInDescribe() {
    assertThat(clicksJoinUsers(false).describe().text())
        .isEqualTo(
            """
            Topologies:
              Sub-topology: 0
                Source: from-users (topics: [users])
                  --> from-users.table
                Processor: from-users.table (operation: table, stores: [users])
                  <-- from-users
                Source: from-clicks (topics: [clicks])
                  --> from-clicks.join
                Processor: from-clicks.join (operation: join, stores: [users])
                  --> from-clicks.join.to-out
                  <-- from-clicks
                Sink: from-clicks.join.to-out (topic: out)
                  <-- from-clicks.join
              Co-partitioned topics:
                [clicks, users] (join step from-clicks.join)
            """);
  }

  @Test
  void aTableFromAnotherBuilderIsRejected() {
    KTable<String, String> foreign = new StreamsBuilder().table("users", STRINGS);
    KStream<String, String> clicks = new StreamsBuilder().stream("clicks", STRINGS);

    assertThatThrownBy(() -> clicks.join(foreign, (a, b) -> a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("join: the table must come from the same StreamsBuilder");
  }
}
