package dev.sluice.streams.internal.engine;

import dev.sluice.streams.StreamPartitioner;
import dev.sluice.streams.TopicNameExtractor;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.SinkNode;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.Record;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The output edge of a task: serializes each record once and hands the bytes to the {@link
 * RecordCollector}.
 */
final class SinkProcessor implements Processor<Object, Object, Void, Void> {
  private final SinkNode node;
  private final Serializer<Object> keySerializer;
  private final Serializer<Object> valueSerializer;
  private final TopicNameExtractor<Object, Object> extractor;
  private final StreamPartitioner<Object, Object> partitioner;
  private final RecordCollector collector;

  @SuppressWarnings("unchecked")
  SinkProcessor(SinkNode node, RecordCollector collector) {
    this.node = node;
    this.keySerializer = (Serializer<Object>) node.keySerde().serializer();
    this.valueSerializer = (Serializer<Object>) node.valueSerde().serializer();
    this.extractor = (TopicNameExtractor<Object, Object>) node.topicExtractor();
    this.partitioner = (StreamPartitioner<Object, Object>) node.partitioner();
    this.collector = collector;
  }

  @Override
  public void process(Record<Object, Object> record) {
    String topic =
        extractor == null
            ? node.topic()
            : extractor.extract(record.key(), record.value(), record.timestamp());
    Checks.argument(topic != null, "sink '%s': the topic extractor returned null", node.name());
    byte[] key = keySerializer.serialize(topic, record.headers(), record.key());
    byte[] value = valueSerializer.serialize(topic, record.headers(), record.value());
    Integer partition = null;
    if (partitioner != null) {
      int count = collector.partitionCount(topic);
      partition = partitioner.partition(topic, record.key(), record.value(), count);
      Checks.argument(
          partition == null || (partition >= 0 && partition < count),
          "sink '%s': partitioner chose partition %s of topic '%s', which has %s partitions",
          node.name(),
          partition,
          topic,
          count);
    }
    collector.send(topic, partition, record.timestamp(), key, value, record.headers());
  }
}
