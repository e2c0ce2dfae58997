package dev.sluice.streams.runtime;

import static dev.sluice.streams.runtime.RuntimeTestSupport.appConfig;
import static dev.sluice.streams.runtime.RuntimeTestSupport.produce;
import static dev.sluice.streams.runtime.RuntimeTestSupport.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.KTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TopologyTestDriver;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A foreign-key join over tables with different partition counts (orders on 4, products on 3) ends
 * in the same joined table on a broker as in the test driver: subscriptions and responses cross the
 * internal topics to the right partitions.
 */
@Timeout(240)
class ForeignKeyJoinIT {

  /** Orders ({@code "product:n"}, or {@code "none:n"}) left-joined with product names. */
  private static Topology topology() {
    StreamsBuilder builder = new StreamsBuilder();
    Consumed<String, String> strings = Consumed.with(Serdes.String(), Serdes.String());
    KTable<String, String> orders = builder.table("orders", strings);
    KTable<String, String> products = builder.table("products", strings);
    orders
        .leftJoin(
            products,
            order -> order.startsWith("none:") ? null : order.substring(0, order.indexOf(':')),
            (order, product) -> order + "/" + product,
            Materialized.with(Serdes.String(), Serdes.String()))
        .toStream()
        .to("order-products", Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  private static String product(Random random) {
    return random.nextInt(6) == 0 ? null : "name-" + random.nextInt(1000);
  }

  /** Order updates: foreign-key changes, null foreign keys, unknown products, deletions. */
  private static String order(Random random, int i) {
    int dice = random.nextInt(12);
    return dice == 0 ? null : (dice == 1 ? "none" : "p" + random.nextInt(35)) + ":" + i;
  }

  @Test
  void aForeignKeyJoinAcrossDifferentPartitionCountsMatchesTheTestDriver(@TempDir Path stateDir) {
    Random random = new Random(5);
    List<String[]> products = new ArrayList<>();
    List<String[]> orders = new ArrayList<>();
    List<String[]> laterProducts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      products.add(new String[] {"p" + random.nextInt(30), product(random)});
    }
    for (int i = 0; i < 3_000; i++) {
      orders.add(new String[] {"o" + random.nextInt(400), order(random, i)});
    }
    for (int i = 0; i < 300; i++) { // right-row updates fan out to the orders already there
      laterProducts.add(new String[] {"p" + random.nextInt(30), product(random)});
    }

    Map<String, String> offline;
    try (TopologyTestDriver driver = new TopologyTestDriver(topology())) {
      TestInputTopic<String, String> productTopic =
          driver.inputTopic("products", Serdes.String(), Serdes.String());
      TestInputTopic<String, String> orderTopic =
          driver.inputTopic("orders", Serdes.String(), Serdes.String());
      products.forEach(kv -> productTopic.pipe(kv[0], kv[1]));
      orders.forEach(kv -> orderTopic.pipe(kv[0], kv[1]));
      laterProducts.forEach(kv -> productTopic.pipe(kv[0], kv[1]));
      offline = driver.outputTopic("order-products", Serdes.String(), Serdes.String()).readToMap();
    }
    assertThat(offline).hasSizeGreaterThan(300);

    try (EmbeddedKafka kafka = EmbeddedKafka.inProcess()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("orders", 4);
      kafka.createTopic("products", 3);
      kafka.createTopic("order-products", 2);
      produce(bootstrap, "products", products);
      produce(bootstrap, "orders", orders);
      Map<String, Object> config = appConfig(bootstrap, "fk-join-app", stateDir);
      config.put("num.stream.threads", 2);
      try (StreamsApplication app = new StreamsApplication(topology(), config)) {
        app.start();
        // the first results prove the app runs before the later product updates arrive
        readUntil(bootstrap, "order-products", Duration.ofSeconds(60), r -> r.size() > 100);
        produce(bootstrap, "products", laterProducts);
        List<ConsumerRecord<String, String>> online =
            readUntil(
                bootstrap,
                "order-products",
                Duration.ofSeconds(120),
                records -> table(records).equals(offline));

        assertThat(table(online)).isEqualTo(offline);
        assertThat(app.localTasks()).as("4 order tasks and 3 product tasks").hasSize(7);
      }
    }
  }

  /** The latest value per key; a null value deletes the key. */
  private static Map<String, String> table(List<ConsumerRecord<String, String>> records) {
    Map<String, String> table = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      if (record.value() == null) {
        table.remove(record.key());
      } else {
        table.put(record.key(), record.value());
      }
    }
    return table;
  }
}
