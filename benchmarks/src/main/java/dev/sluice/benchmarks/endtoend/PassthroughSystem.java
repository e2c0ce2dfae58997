package dev.sluice.benchmarks.endtoend;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The upper limit: one thread with a plain consumer and producer running the workload's {@link
 * PassthroughLogic}, committing input offsets by hand at the same interval as the frameworks.
 */
final class PassthroughSystem implements StreamSystem {

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
    return config;
  }

  private static Map<String, Object> producerConfig(RunTopics topics) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", topics.bootstrapServers());
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    return config;
  }
}
