package dev.sluice.benchmarks.endtoend;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The upper limit: one thread with a plain consumer and producer running the workload's {@link
 * PassthroughLogic}, committing input offsets by hand at the same interval as the frameworks.
 *
 * <p>Like for like, its clients get the settings both frameworks use by default: an idempotent
 * producer with {@code acks=all} lingering {@value #LINGER_MS} ms (kafka-clients' batch size, no
 * compression), and a consumer polling up to {@value #MAX_POLL_RECORDS} records (kafka-clients'
 * fetch settings otherwise).
 *
 * <p>{@link #withChangelog()} is the same loop for a stateful workload that also writes every
 * record it emits to a compacted changelog topic, as both frameworks write a changed key's new
 * value to their store's changelog: the durable counterpart of the frameworks' state, without a
 * store.
 */
final class PassthroughSystem implements StreamSystem {
  /** Kafka Streams' and Sluice's default {@code linger.ms}. */
  static final int LINGER_MS = 100;

  /** Kafka Streams' and Sluice's default {@code max.poll.records}. */
  static final int MAX_POLL_RECORDS = 1_000;

  private final boolean logged;

  /** The plain loop: output only. */
  PassthroughSystem() {
    this(false);
  }

  private PassthroughSystem(boolean logged) {
    this.logged = logged;
  }

  /**
   * The loop that also writes a changelog for stateful workloads.
   *
   * @return the system named {@code passthrough-changelog}
   */
  static PassthroughSystem withChangelog() {
    return new PassthroughSystem(true);
  }

  @Override
  public String name() {
    return logged ? "passthrough-changelog" : "passthrough";
  }

  @Override
  public RunningApp start(Workload workload, RunTopics topics, long commitIntervalMs) {
    PassthroughLoop loop =
        new PassthroughLoop(
            consumerConfig(topics),
            producerConfig(topics),
            List.of(topics.input()),
            topics.output(),
            logged && workload.stateful() ? createChangelog(topics) : null,
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

  /**
   * Creates the changelog topic, compacted, named like the frameworks' (so the run's clean-up
   * deletes it): part of the timed start, as the frameworks create theirs.
   */
  private static String createChangelog(RunTopics topics) {
    String name = topics.applicationId() + "-counts-changelog";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", topics.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(name, TimedRun.PARTITIONS, (short) 1)
                      .configs(Map.of("cleanup.policy", "compact"))))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the changelog topic " + name, e);
    }
    return name;
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
