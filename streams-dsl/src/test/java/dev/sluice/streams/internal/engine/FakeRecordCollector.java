package dev.sluice.streams.internal.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Records every send, decoding keys and values as UTF-8 strings. */
final class FakeRecordCollector implements RecordCollector {

  /** One record a sink handed over. */
  record Sent(String topic, Integer partition, long timestamp, String key, String value) {}

  final List<Sent> sent = new ArrayList<>();
  final int partitions;

  FakeRecordCollector(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public void send(
      String topic, Integer partition, long timestamp, byte[] key, byte[] value, Headers headers) {
    sent.add(new Sent(topic, partition, timestamp, text(key), text(value)));
  }

  @Override
  public int partitionCount(String topic) {
    return partitions;
  }

  List<String> values() {
    return sent.stream().map(Sent::value).toList();
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
