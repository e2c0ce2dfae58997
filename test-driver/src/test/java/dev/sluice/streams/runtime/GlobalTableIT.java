package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.await;
import static dev.sluice.streams.runtime.RuntimeTestSupport.awaitState;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static dev.sluice.streams.runtime.RuntimeTestSupport.readUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.GlobalKTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances enrich orders with a global table of customers spread over three partitions: each
 * instance processes only the order partitions it owns, yet finds customers of every customer
 * partition; each loads the whole table before it reports RUNNING; a table update reaches both
 * while they run; and a clean restart reads only what was written to the topic meanwhile. An
 * undecodable global record stops the instance (while loading or while running) unless the
 * deserialization handler skips it.
 */
@Timeout(300)
class GlobalTableIT {
  private static final int CUSTOMERS = 300;
  private static final int CUSTOMER_PARTITIONS = 3;
  private static final int ORDER_PARTITIONS = 4;
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  private static Topology enrichOrders() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> customers =
        builder.globalTable("gt-customers", STRINGS, Materialized.as("customers"));
    builder.stream("gt-orders", STRINGS)
        .join(customers, (orderId, customer) -> customer, (customer, name) -> customer + "@" + name)
        .to("gt-enriched", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Test
  void twoInstancesEnrichTheirOwnPartitionsWithRowsFromEveryGlobalPartition(
      @TempDir Path dirA, @TempDir Path dirB) {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("gt-customers", CUSTOMER_PARTITIONS);
      kafka.createTopic("gt-orders", ORDER_PARTITIONS);
      kafka.createTopic("gt-enriched", ORDER_PARTITIONS);
      produce(bootstrap, "gt-customers", customers(0, CUSTOMERS, "name-"));
      List<StreamsApplication> apps = new ArrayList<>();
      try {
        AtomicLong loadedAtRunningA = new AtomicLong(-1);
        AtomicLong loadedAtRunningB = new AtomicLong(-1);
        StreamsApplication a = start(bootstrap, dirA, apps, loadedAtRunningA);
        StreamsApplication b = start(bootstrap, dirB, apps, loadedAtRunningB);
        await(
            "tasks to spread 2/2 (now "
                + apps.stream().map(StreamsApplication::localTasks).toList()
                + ")",
            Duration.ofSeconds(90),
            () -> apps.stream().allMatch(app -> app.localTasks().size() == 2));
        await(
            "both instances to run",
            Duration.ofSeconds(60),
            () -> apps.stream().allMatch(app -> app.state() == StreamsApplication.State.RUNNING));
        assertThat(loadedAtRunningA.get())
            .as("global records loaded when the first instance first reported RUNNING")
            .isEqualTo(CUSTOMERS);
        assertThat(loadedAtRunningB.get())
            .as("global records loaded when the second instance first reported RUNNING")
            .isEqualTo(CUSTOMERS);

        List<String[]> orders = new ArrayList<>();
        for (int i = 0; i < 2 * CUSTOMERS; i++) {
          orders.add(new String[] {"o" + i, "c" + (i % CUSTOMERS)});
        }
        produce(bootstrap, "gt-orders", orders);
        List<ConsumerRecord<String, String>> enriched =
            readUntil(
                bootstrap,
                "gt-enriched",
                Duration.ofSeconds(90),
                records -> records.size() >= orders.size());

        assertThat(enriched).hasSize(orders.size());
        Map<String, String> byOrder = new HashMap<>();
        enriched.forEach(r -> byOrder.put(r.key(), r.value()));
        for (String[] order : orders) {
          String customer = order[1];
          assertThat(byOrder.get(order[0])).isEqualTo(customer + "@name-" + customer.substring(1));
        }
        // each instance enriched the order partitions it owns with customers of every partition
        for (StreamsApplication app : apps) {
          Set<Integer> owned = ownedPartitions(app);
          Set<Integer> customerPartitions = new HashSet<>();
          for (ConsumerRecord<String, String> r : enriched) {
            if (owned.contains(r.partition())) {
              customerPartitions.add(customerPartition(r.value().split("@")[0]));
            }
          }
          assertThat(owned).hasSize(2);
          assertThat(customerPartitions).containsExactlyInAnyOrder(0, 1, 2);
        }

        // an update reaches both running instances through their global updaters
        produce(bootstrap, "gt-customers", List.<String[]>of(new String[] {"c7", "renamed"}));
        awaitRenamedInEveryOrderPartition(bootstrap);

        // a clean restart reads only the records written while the instance was down
        a.close(Duration.ofSeconds(60));
        apps.remove(a);
        produce(bootstrap, "gt-customers", customers(CUSTOMERS, 5, "late-"));
        AtomicLong loadedAtRestart = new AtomicLong(-1);
        StreamsApplication restarted = start(bootstrap, dirA, apps, loadedAtRestart);
        await(
            "the restarted instance to run",
            Duration.ofSeconds(90),
            () -> restarted.state() == StreamsApplication.State.RUNNING);
        assertThat(loadedAtRestart.get())
            .as("records read to load the checkpointed global store on restart")
            .isEqualTo(5);
        System.out.printf(
            "GlobalTableIT: loaded %d, %d global records on first start, %d on restart%n",
            loadedAtRunningA.get(), loadedAtRunningB.get(), loadedAtRestart.get());
      } finally {
        apps.forEach(app -> app.close(Duration.ofSeconds(60)));
      }
    }
  }

  private static Topology pricedOrders() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, Long> prices =
        builder.globalTable("gt-prices", Consumed.with(Serdes.String(), Serdes.Long()));
    builder.stream("gt-priced-orders", STRINGS)
        .join(prices, (orderId, item) -> item, (item, price) -> item + "=" + price)
        .to("gt-priced-out", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Test
  void anUndecodableGlobalRecordStopsTheInstanceUnlessTheHandlerSkipsIt(@TempDir Path dir) {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("gt-prices", 2);
      kafka.createTopic("gt-priced-orders", 2);
      kafka.createTopic("gt-priced-out", 2);
      produce(bootstrap, "gt-prices", List.<String[]>of(new String[] {"apple", "x"}));

      // while loading: start() fails naming the record, and close() releases the state directory
      StreamsApplication failing =
          new StreamsApplication(pricedOrders(), appConfig(bootstrap, "gt-prices-app", dir));
      assertThatThrownBy(failing::start)
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("could not deserialize the value of the record at gt-prices-");
      assertThat(failing.state()).isEqualTo(StreamsApplication.State.ERROR);
      assertThat(failing.close(Duration.ofSeconds(30))).isTrue();

      // log-and-continue skips it; the checkpoint then starts the next load after it
      Map<String, Object> skipping = appConfig(bootstrap, "gt-prices-app", dir);
      skipping.put("deserialization.exception.handler", "log-and-continue");
      try (StreamsApplication app = new StreamsApplication(pricedOrders(), skipping)) {
        app.start();
        awaitState(app, StreamsApplication.State.RUNNING);
        assertThat(app.restoredRecords()).isEqualTo(1);
      }

      // while running: the updater fails, and the instance goes to ERROR
      StreamsApplication strict =
          new StreamsApplication(pricedOrders(), appConfig(bootstrap, "gt-prices-app", dir));
      try {
        strict.start();
        awaitState(strict, StreamsApplication.State.RUNNING);
        assertThat(strict.restoredRecords()).as("resumed after the skipped record").isZero();
        produce(bootstrap, "gt-prices", List.<String[]>of(new String[] {"pear", "y"}));
        awaitState(strict, StreamsApplication.State.ERROR);
      } finally {
        strict.close(Duration.ofSeconds(60));
      }
    }
  }

  private static Topology rateOrders() {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> rates = builder.globalTable("gt-rates", STRINGS);
    builder.stream("gt-rate-orders", STRINGS)
        .join(rates, (orderId, rate) -> rate, (rate, value) -> rate + "=" + value)
        .to("gt-rate-out", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Test
  void aRecreatedGlobalTopicIsReadAgainFromTheBeginningInsteadOfFromTheCheckpoint(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess();
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("gt-rates", 1);
      kafka.createTopic("gt-rate-orders", 1);
      kafka.createTopic("gt-rate-out", 1);
      produce(bootstrap, "gt-rates", customers(0, 10, "old-"));
      try (StreamsApplication app =
          new StreamsApplication(rateOrders(), appConfig(bootstrap, "gt-rates-app", dir))) {
        app.start();
        awaitState(app, StreamsApplication.State.RUNNING);
      } // checkpointed at offset 10

      admin.deleteTopics(List.of("gt-rates")).all().get(30, TimeUnit.SECONDS);
      await(
          "gt-rates to be re-created",
          Duration.ofSeconds(60),
          () -> {
            try {
              kafka.createTopic("gt-rates", 1);
              return true;
            } catch (RuntimeException e) {
              return false; // deletion still in progress
            }
          });
      produce(bootstrap, "gt-rates", List.<String[]>of(new String[] {"c1", "new-1"}));

      try (StreamsApplication app =
          new StreamsApplication(rateOrders(), appConfig(bootstrap, "gt-rates-app", dir))) {
        app.start();
        awaitState(app, StreamsApplication.State.RUNNING);
        assertThat(app.restoredRecords()).isEqualTo(1);
        produce(
            bootstrap,
            "gt-rate-orders",
            List.of(new String[] {"o1", "c5"}, new String[] {"o2", "c1"}));
        List<ConsumerRecord<String, String>> out =
            readUntil(
                bootstrap,
                "gt-rate-out",
                Duration.ofSeconds(60),
                records -> records.stream().anyMatch(r -> r.key().equals("o2")));

        // o1 came first and found no row: the old topic's rows are gone with it
        assertThat(out).extracting(ConsumerRecord::value).containsExactly("c1=new-1");
      }
    }
  }

  /** Orders for c7 in every order partition, until each partition's output shows the new name. */
  private static void awaitRenamedInEveryOrderPartition(String bootstrap) {
    Set<Integer> renamed = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int round = 0;
    while (renamed.size() < ORDER_PARTITIONS && System.nanoTime() < deadline) {
      round++;
      List<String[]> probes = new ArrayList<>();
      for (int i = 0; i < 4 * ORDER_PARTITIONS; i++) {
        probes.add(new String[] {"probe-" + round + "-" + i, "c7"});
      }
      produce(bootstrap, "gt-orders", probes);
      String prefix = "probe-" + round + "-";
      List<ConsumerRecord<String, String>> out =
          readUntil(
              bootstrap,
              "gt-enriched",
              Duration.ofSeconds(30),
              records ->
                  records.stream().filter(r -> r.key().startsWith(prefix)).count()
                      >= probes.size());
      out.stream()
          .filter(r -> r.key().startsWith(prefix) && r.value().equals("c7@renamed"))
          .forEach(r -> renamed.add(r.partition()));
    }
    assertThat(renamed).as("order partitions whose joins saw the update").hasSize(ORDER_PARTITIONS);
  }

  private static StreamsApplication start(
      String bootstrap, Path dir, List<StreamsApplication> apps, AtomicLong loadedAtRunning) {
    StreamsApplication app =
        new StreamsApplication(enrichOrders(), appConfig(bootstrap, "gt-app", dir));
    apps.add(app);
    app.setStateListener(
        (newState, oldState) -> {
          if (newState == StreamsApplication.State.RUNNING) {
            loadedAtRunning.compareAndSet(-1, app.restoredRecords());
          }
        });
    app.start();
    return app;
  }

  private static Set<Integer> ownedPartitions(StreamsApplication app) {
    Set<Integer> partitions = new HashSet<>();
    app.localTasks().forEach(id -> partitions.add(Integer.parseInt(id.split("_")[1])));
    return partitions;
  }

  /** The partition the default partitioner put a customer key in. */
  private static int customerPartition(String customer) {
    byte[] key = customer.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % CUSTOMER_PARTITIONS;
  }

  private static List<String[]> customers(int from, int count, String namePrefix) {
    List<String[]> rows = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      rows.add(new String[] {"c" + i, namePrefix + i});
    }
    return rows;
  }
}
