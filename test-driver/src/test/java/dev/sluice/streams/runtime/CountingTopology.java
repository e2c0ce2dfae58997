package dev.sluice.streams.runtime;

import dev.sluice.state.KeyValueStore;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.Topology;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.Record;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A stateful topology for the runtime tests: counts records per key in a logged RocksDB store
 * ({@code counts}, changelog {@code <app>-counts-changelog}) and writes each new count.
 */
final class CountingTopology {
  static final String STORE = "counts";

  private CountingTopology() {}

  static Topology build(String in, String out) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Materialized.<String, Long>as(STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.Long())
            .withCachingDisabled());
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
        .process(CountProcessor::new, STORE)
        .to(out, Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  private static final class CountProcessor implements Processor<String, String, String, Long> {
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(ProcessorContext<String, Long> context) {
      this.context = context;
      this.counts = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      Long previous = counts.get(record.key());
      long count = previous == null ? 1 : previous + 1;
      counts.put(record.key(), count);
      context.forward(record.withValue(count));
    }
  }
}
