package dev.sluice.benchmarks.endtoend;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The upper limit: one thread with a plain consumer and producer running the workload's {@link
 * PassthroughLogic}, committing input offsets by hand at the same interval as the frameworks.
 *
 * <p>Like for like, its clients get the settings both frameworks use by default: an idempotent
 * producer with {@code acks=all} lingering {@value #LINGER_MS} ms (kafka-clients' batch size, no
 * compression), and a consumer polling up to {@value #MAX_POLL_RECORDS} records (kafka-clients'
 * fetch settings otherwise).
 */
final class PassthroughSystem implements StreamSystem {
  /** Kafka Streams' and Sluice's default {@code linger.ms}. */
  static final int LINGER_MS = 100;

  /** Kafka Streams' and Sluice's default {@code max.poll.records}. */
  static final int MAX_POLL_RECORDS = 1_000;

  @Override
  public String name() {
    return "passthrough";
  }

  @Override
  public RunningApp start(Workload workload, RunTopics topics, long commitIntervalMs) {
    PassthroughLoop loop =
        new PassthroughLoop(
            consumerConfig(topics),
            producerConfig(topics),
            List.of(topics.input()),
            topics.output(),
            workload.passthroughLogic(),
            commitIntervalMs);
    Thread thread = new Thread(loop, topics.applicationId() + "-passthrough");
    thread.start();
    return new RunningApp() {
      @Override
      public String failure() {
        Throwable failure = loop.failure();
        return failure == null ? null : "passthrough failed: " + failure;
      }

      @Override
      public void close() {
        loop.stop();
        try {
          thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  private static Map<String, Object> consumerConfig(RunTopics topics) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", topics.bootstrapServers());
    config.put("group.id", topics.applicationId());
    config.put("group.protocol", "classic");
    config.put("enable.auto.commit", false);
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", MAX_POLL_RECORDS);
    return config;
  }

  private static Map<String, Object> producerConfig(RunTopics topics) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", topics.bootstrapServers());
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    config.put("linger.ms", LINGER_MS);
    return config;
  }
}
