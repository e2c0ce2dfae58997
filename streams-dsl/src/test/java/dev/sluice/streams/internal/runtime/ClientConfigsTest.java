package dev.sluice.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.SluiceConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {

  private static SluiceConfig config(Map<String, Object> extra) {
    Map<String, Object> values = new HashMap<>(extra);
    values.put("application.id", "app");
    values.put("bootstrap.servers", "localhost:9092");
    return SluiceConfig.of(values);
  }

  @Test
  void batchingDefaultsAreKafkaStreamsOnes() {
    Map<String, Object> producer = ClientConfigs.producer(config(Map.of()), "p");
    Map<String, Object> consumer = ClientConfigs.consumer(config(Map.of()), "c", Map.of());

    assertThat(producer).containsEntry("linger.ms", 100);
    assertThat(consumer).containsEntry("max.poll.records", 1_000);
  }

  @Test
  void usersOverrideTheDefaultsPlainOrPrefixed() {
    SluiceConfig plain = config(Map.of("linger.ms", 7, "max.poll.records", 50));
    SluiceConfig prefixed =
        config(Map.of("producer.linger.ms", 3, "consumer.max.poll.records", 20, "linger.ms", 7));

    assertThat(ClientConfigs.producer(plain, "p")).containsEntry("linger.ms", 7);
    assertThat(ClientConfigs.consumer(plain, "c", Map.of())).containsEntry("max.poll.records", 50);
    assertThat(ClientConfigs.producer(prefixed, "p")).containsEntry("linger.ms", 3);
    assertThat(ClientConfigs.consumer(prefixed, "c", Map.of()))
        .containsEntry("max.poll.records", 20);
  }

  @Test
  void atLeastOnceSettingsCannotBeOverridden() {
    SluiceConfig config =
        config(Map.of("acks", "1", "enable.idempotence", false, "enable.auto.commit", true));

    assertThat(ClientConfigs.producer(config, "p"))
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true);
    assertThat(ClientConfigs.consumer(config, "c", Map.of()))
        .containsEntry("enable.auto.commit", false);
  }
}
