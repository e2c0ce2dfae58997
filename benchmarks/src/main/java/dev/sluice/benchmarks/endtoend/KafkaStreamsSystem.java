package dev.sluice.benchmarks.endtoend;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams 4.3.1 with one stream thread, at-least-once, and its defaults otherwise (including
 * {@code statestore.cache.max.bytes}).
 */
final class KafkaStreamsSystem implements StreamSystem {

  @Override
  public String name() {
    return "kafka-streams";
  }

  @Override
  public RunningApp start(Workload workload, RunTopics topics, long commitIntervalMs) {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.applicationId());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
    config.put(StreamsConfig.STATE_DIR_CONFIG, topics.stateDir().toString());
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    KafkaStreams streams = new KafkaStreams(workload.kafkaStreamsTopology(topics), config);
    streams.start();
    return new RunningApp() {
      @Override
      public String failure() {
        return streams.state() == KafkaStreams.State.ERROR ? "Kafka Streams in ERROR" : null;
      }

      @Override
      public void close() {
        streams.close(Duration.ofSeconds(60));
      }
    };
  }
}
