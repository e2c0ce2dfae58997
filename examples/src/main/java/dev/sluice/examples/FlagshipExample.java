package dev.sluice.examples;

import dev.sluice.serdes.SluiceSerdes;
import dev.sluice.streams.KeyValue;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The README's flagship command: an example pipeline on a real Kafka broker — completed orders by
 * default, or another of {@link Example#all()} with {@code --example name}.
 *
 * <p>Without {@code --bootstrap-servers host:port} it starts a single-node broker inside this JVM
 * on free ports. It creates the topics, produces the example's sample events, starts the
 * application, prints each result as it arrives on the output topic, and stops cleanly on Ctrl-C
 * (or after {@code --max-results N} results).
 */
public final class FlagshipExample {
  private static final int PARTITIONS = 4;

  private FlagshipExample() {}

  /**
   * Runs the example.
   *
   * @param args {@code [--example name] [--bootstrap-servers host:port] [--max-results N]}
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
      run(options, Example.named(options.example()), System.out, stop);
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Command-line options.
   *
   * @param example the example's name
   * @param bootstrapServers the cluster to use, or null for an embedded broker
   * @param maxResults stop after this many results, or 0 to run until stopped
   */
  record Options(String example, String bootstrapServers, int maxResults) {
    static Options parse(String[] args) {
      String example = "orders";
      String servers = null;
      int max = 0;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--example" -> example = value(args, ++i);
          case "--bootstrap-servers" -> servers = value(args, ++i);
          case "--max-results" -> max = Integer.parseInt(value(args, ++i));
          default ->
              throw new IllegalArgumentException(
                  "unknown option '"
                      + args[i]
                      + "': use [--example "
                      + Example.names()
                      + "] [--bootstrap-servers host:port] [--max-results N]");
        }
      }
      return new Options(example, servers, max);
    }

    private static String value(String[] args, int index) {
      if (index >= args.length) {
        throw new IllegalArgumentException("option '" + args[index - 1] + "' needs a value");
      }
      return args[index];
    }
  }

  /**
   * Runs an example until {@code stop} opens or {@code options.maxResults()} results arrived.
   *
   * @param options where and how long to run
   * @param example the example
   * @param out where to print
   * @param stop opened to stop (Ctrl-C)
   * @param <I> the example's input value type
   * @param <O> the example's output value type
   * @return the output records seen, in arrival order
   * @throws Exception if the broker or the application fails
   */
  static <I, O> List<KeyValue<String, O>> run(
      Options options, Example<I, O> example, PrintStream out, CountDownLatch stop)
      throws Exception {
    int max = options.maxResults();
    return run(options, example, out, stop, results -> max > 0 && results.size() >= max);
  }

  /**
   * Runs an example until {@code stop} opens or {@code done} accepts the results seen so far.
   *
   * @param options where to run ({@code maxResults} is not used)
   * @param example the example
   * @param out where to print
   * @param stop opened to stop (Ctrl-C)
   * @param done tested after each poll of the output topic
   * @param <I> the example's input value type
   * @param <O> the example's output value type
   * @return the output records seen, in arrival order
   * @throws Exception if the broker or the application fails
   */
  static <I, O> List<KeyValue<String, O>> run(
      Options options,
      Example<I, O> example,
      PrintStream out,
      CountDownLatch stop,
      Predicate<List<KeyValue<String, O>>> done)
      throws Exception {
    EmbeddedKafka embedded = null;
    String servers = options.bootstrapServers();
    if (servers == null) {
      out.println("Starting an embedded Kafka broker (use --bootstrap-servers to use your own)...");
      embedded = EmbeddedKafka.inProcess();
      servers = embedded.bootstrapServers();
      out.println("Kafka broker listening on " + servers);
    }
    Path stateDir = Files.createTempDirectory("sluice-" + example.name());
    try {
      createTopics(servers, List.of(example.inputTopic(), example.outputTopic()));
      produce(servers, example, out);
      return runApplication(servers, stateDir, example, out, stop, done);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      deleteRecursively(stateDir);
    }
  }

  private static <I, O> List<KeyValue<String, O>> runApplication(
      String servers,
      Path stateDir,
      Example<I, O> example,
      PrintStream out,
      CountDownLatch stop,
      Predicate<List<KeyValue<String, O>>> done) {
    Map<String, Object> config =
        Map.of(
            "application.id",
            example.applicationId(),
            "bootstrap.servers",
            servers,
            "state.dir",
            stateDir.toString(),
            "commit.interval.ms",
            1000);
    String label = String.format("%-15s", example.outputTopic());
    List<KeyValue<String, O>> results = new ArrayList<>();
    try (StreamsApplication app = new StreamsApplication(example.topology().get(), config);
        KafkaConsumer<String, O> consumer = resultConsumer(servers, example)) {
      app.setStateListener((now, before) -> out.printf("application: %s -> %s%n", before, now));
      app.start();
      consumer.subscribe(Set.of(example.outputTopic()));
      out.printf("Printing %s as records arrive; Ctrl-C to stop.%n", example.outputTopic());
      while (stop.getCount() > 0 && !done.test(results)) {
        for (ConsumerRecord<String, O> record : consumer.poll(Duration.ofMillis(200))) {
          out.printf("%s -> %s: %s%n", label, record.key(), record.value());
          results.add(KeyValue.pair(record.key(), record.value()));
        }
        if (app.state() == StreamsApplication.State.ERROR) {
          throw new IllegalStateException("the application failed; see the log above");
        }
      }
      out.println("Stopping...");
    }
    out.printf("%d records seen on %s%n", results.size(), example.outputTopic());
    return results;
  }

  private static <O> KafkaConsumer<String, O> resultConsumer(
      String servers, Example<?, O> example) {
    return new KafkaConsumer<>(
        Map.of(
            "bootstrap.servers",
            servers,
            "group.id",
            example.applicationId() + "-printer",
            "auto.offset.reset",
            "earliest"),
        SluiceSerdes.strings().deserializer(),
        example.outputSerde().deserializer());
  }

  private static void createTopics(String servers, List<String> topics)
      throws InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
      for (String topic : topics) {
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

  private static <I> void produce(String servers, Example<I, ?> example, PrintStream out)
      throws InterruptedException, ExecutionException {
    String label = String.format("%-15s", example.inputTopic());
    try (KafkaProducer<String, I> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", servers, "acks", "all"),
            SluiceSerdes.strings().serializer(),
            example.inputSerde().serializer())) {
      for (KeyValue<String, I> event : example.samples()) {
        producer.send(new ProducerRecord<>(example.inputTopic(), event.key(), event.value())).get();
        out.printf("%s <- %s: %s%n", label, event.key(), event.value());
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
