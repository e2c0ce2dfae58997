package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.StreamsApplication;
import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The README's flagship command: the completed-orders pipeline on a real Kafka broker.
 *
 * <p>Without arguments it starts a single-node broker inside this JVM on free ports; with {@code
 * --bootstrap-servers host:port} it uses that cluster. It creates the topics, produces sample
 * orders, starts the application, prints each completed order as it arrives on {@code
 * complete_orders}, and stops cleanly on Ctrl-C (or after {@code --max-results N} results).
 */
public final class FlagshipExample {
  private static final int PARTITIONS = 4;

  private FlagshipExample() {}

  /**
   * Runs the example.
   *
   * @param args {@code [--bootstrap-servers host:port] [--max-results N]}
   * @throws Exception if the broker or the application fails
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  try {
                    stopped.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try {
      run(options, sampleOrders(), System.out, stop);
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Command-line options.
   *
   * @param bootstrapServers the cluster to use, or null for an embedded broker
   * @param maxResults stop after this many results, or 0 to run until stopped
   */
  record Options(String bootstrapServers, int maxResults) {
    static Options parse(String[] args) {
      String servers = null;
      int max = 0;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--bootstrap-servers" -> servers = value(args, ++i);
          case "--max-results" -> max = Integer.parseInt(value(args, ++i));
          default ->
              throw new IllegalArgumentException(
                  "unknown option '"
                      + args[i]
                      + "': use [--bootstrap-servers host:port] [--max-results N]");
        }
      }
      return new Options(servers, max);
    }

    private static String value(String[] args, int index) {
      if (index >= args.length) {
        throw new IllegalArgumentException("option '" + args[index - 1] + "' needs a value");
      }
      return args[index];
    }
  }

  /**
   * Runs the pipeline until {@code stop} opens or {@code options.maxResults()} results arrived.
   *
   * @param options where and how long to run
   * @param orders the sample events to produce
   * @param out where to print
   * @param stop opened to stop (Ctrl-C)
   * @return the completed orders seen, in arrival order
   * @throws Exception if the broker or the application fails
   */
  static List<Order> run(Options options, List<Order> orders, PrintStream out, CountDownLatch stop)
      throws Exception {
    EmbeddedKafka embedded = null;
    String servers = options.bootstrapServers();
    if (servers == null) {
      out.println("Starting an embedded Kafka broker (use --bootstrap-servers to use your own)...");
      embedded = EmbeddedKafka.inProcess();
      servers = embedded.bootstrapServers();
      out.println("Kafka broker listening on " + servers);
    }
    Path stateDir = Files.createTempDirectory("sluice-flagship");
    try {
      createTopics(servers);
      produce(servers, orders, out);
      return runApplication(servers, stateDir, options.maxResults(), out, stop);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      deleteRecursively(stateDir);
    }
  }

  private static List<Order> runApplication(
      String servers, Path stateDir, int maxResults, PrintStream out, CountDownLatch stop) {
    Map<String, Object> config =
        Map.of(
            "application.id",
            "completed-orders",
            "bootstrap.servers",
            servers,
            "state.dir",
            stateDir.toString(),
            "commit.interval.ms",
            1000);
    List<Order> completed = new ArrayList<>();
    try (StreamsApplication app = new StreamsApplication(CompletedOrders.topology(), config);
        KafkaConsumer<String, Order> results = resultConsumer(servers)) {
      app.setStateListener((now, before) -> out.printf("application: %s -> %s%n", before, now));
      app.start();
      results.subscribe(Set.of(CompletedOrders.COMPLETE_ORDERS));
      out.println("Printing completed orders as they arrive; Ctrl-C to stop.");
      while (stop.getCount() > 0 && (maxResults == 0 || completed.size() < maxResults)) {
        for (ConsumerRecord<String, Order> record : results.poll(Duration.ofMillis(200))) {
          out.printf("complete_orders -> %s%n", record.value());
          completed.add(record.value());
        }
        if (app.state() == StreamsApplication.State.ERROR) {
          throw new IllegalStateException("the application failed; see the log above");
        }
      }
      out.println("Stopping...");
    }
    out.printf("%d completed orders seen%n", completed.size());
    return completed;
  }

  private static KafkaConsumer<String, Order> resultConsumer(String servers) {
    return new KafkaConsumer<>(
        Map.of(
            "bootstrap.servers", servers,
            "group.id", "flagship-printer",
            "auto.offset.reset", "earliest"),
        SluiceSerdes.strings().deserializer(),
        CompletedOrders.ORDER_SERDE.deserializer());
  }

  private static void createTopics(String servers) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
      for (String topic : List.of(CompletedOrders.ORDERS, CompletedOrders.COMPLETE_ORDERS)) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + topic + ": " + e.getCause(), e);
          }
        }
      }
    }
  }

  private static void produce(String servers, List<Order> orders, PrintStream out)
      throws InterruptedException, ExecutionException {
    try (KafkaProducer<String, Order> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", servers, "acks", "all"),
            SluiceSerdes.strings().serializer(),
            CompletedOrders.ORDER_SERDE.serializer())) {
      for (Order order : orders) {
        producer.send(new ProducerRecord<>(CompletedOrders.ORDERS, order.id(), order)).get();
        out.printf("orders          <- %s%n", order);
      }
    }
  }

  /**
   * A small day of orders.
   *
   * @return the events
   */
  static List<Order> sampleOrders() {
    String[] statuses = {"NEW", "PAID", "SHIPPED", "COMPLETE"};
    List<Order> orders = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      orders.add(new Order("o" + i, "c" + (i % 4), 10.0 * i + 0.5, statuses[(i * 7) % 4]));
    }
    return orders;
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
