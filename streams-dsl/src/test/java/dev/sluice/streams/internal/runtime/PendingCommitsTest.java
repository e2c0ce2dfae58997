package dev.sluice.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.StreamsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * At-least-once without blocking: input offsets become committable only once the output sent before
 * their commit point, and before every earlier point, is acknowledged. The producer is
 * kafka-clients' {@link MockProducer}, because only it lets a test decide when each send is
 * acknowledged.
 */
class PendingCommitsTest {
  private static final TopicPartition IN_0 = new TopicPartition("in", 0);
  private static final TopicPartition IN_1 = new TopicPartition("in", 1);

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final KafkaRecordCollector collector = new KafkaRecordCollector(producer);
  private final PendingCommits pending = new PendingCommits();

  private void send(String topic) {
    collector.send(topic, 0, 1L, new byte[] {1}, new byte[] {2}, null);
  }

  private void sendChangelog(String topic) {
    collector.sendChangelog(topic, 0, 1L, new byte[] {1}, new byte[] {2});
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(long in0, long in1) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    offsets.put(IN_0, new OffsetAndMetadata(in0));
    offsets.put(IN_1, new OffsetAndMetadata(in1));
    return offsets;
  }

  @Test
  void offsetsWaitUntilEverySendOfTheirPointAndEarlierPointsIsAcknowledged() {
    send("out");
    sendChangelog("app-store-changelog");
    pending.add(collector.mark(), offsets(10, 20));
    send("out");
    pending.add(collector.mark(), offsets(15, 25));

    assertThat(pending.takeAcknowledged()).isEmpty();
    producer.completeNext();
    assertThat(pending.takeAcknowledged()).as("one send of the first point is pending").isEmpty();
    producer.completeNext();
    assertThat(pending.takeAcknowledged()).isEqualTo(offsets(10, 20));
    assertThat(collector.ackedOffsets())
        .isEqualTo(Map.of(new TopicPartition("app-store-changelog", 0), 0L));
    assertThat(pending.isEmpty()).isFalse();

    producer.completeNext();
    assertThat(pending.takeAcknowledged()).isEqualTo(offsets(15, 25));
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void laterPointsOverrideEarlierOnesWhenSeveralAreReady() {
    send("out");
    pending.add(collector.mark(), offsets(10, 20));
    pending.add(collector.mark(), offsets(11, 21));
    producer.completeNext();

    assertThat(pending.takeAcknowledged()).isEqualTo(offsets(11, 21));
  }

  @Test
  void aFailedSendIsNeverCommittedOver() {
    send("out");
    pending.add(collector.mark(), offsets(10, 20));
    producer.errorNext(new IllegalStateException("broker said no"));

    assertThatThrownBy(pending::takeAcknowledged)
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("broker said no");
  }

  @Test
  void lostPartitionsAreNeverCommitted() {
    send("out");
    pending.add(collector.mark(), offsets(10, 20));
    pending.forget(List.of(IN_1));
    producer.completeNext();

    assertThat(pending.takeAcknowledged()).isEqualTo(Map.of(IN_0, new OffsetAndMetadata(10)));
  }

  @Test
  void afterAFlushEveryPointIsTakenAtOnce() {
    send("out");
    pending.add(collector.mark(), offsets(10, 20));
    send("out");
    pending.add(collector.mark(), offsets(12, 22));
    collector.flush();

    assertThat(pending.takeAll()).isEqualTo(offsets(12, 22));
    assertThat(pending.isEmpty()).isTrue();
  }
}
