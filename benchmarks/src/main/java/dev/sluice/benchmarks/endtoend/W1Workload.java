package dev.sluice.benchmarks.endtoend;

import dev.sluice.benchmarks.engine.W1Records;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;

/**
 * W1, stateless: {@code stream(in).filter(amount > 50.0).mapValues(amount × 1.1).to(out)} with
 * String serdes over {@link W1Records} (keys {@code "k"+(i%10000)}).
 */
final class W1Workload implements Workload {

  @Override
  public String name() {
    return "W1";
  }

  @Override
  public String description() {
    return "stateless: filter(amount > 50.0).mapValues(amount × 1.1), String serdes, "
        + "keys k+(i%10000)";
  }

  @Override
  public InputRecords generate(int count) {
    W1Records records = new W1Records(count);
    return new InputRecords(records.keys, records.values, records.timestamps);
  }

  @Override
  public dev.sluice.streams.Topology sluiceTopology(RunTopics topics) {
    dev.sluice.streams.StreamsBuilder builder = new dev.sluice.streams.StreamsBuilder();
    builder.stream(
            topics.input(), dev.sluice.streams.Consumed.with(Serdes.String(), Serdes.String()))
        .filter((key, value) -> W1Records.amount(value) > 50.0)
        .mapValues(value -> Double.toString(W1Records.amount(value) * 1.1))
        .to(topics.output(), dev.sluice.streams.Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Override
  public org.apache.kafka.streams.Topology kafkaStreamsTopology(RunTopics topics) {
    org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
    builder.stream(
            topics.input(),
            org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()))
        .filter((key, value) -> W1Records.amount(value) > 50.0)
        .mapValues(value -> Double.toString(W1Records.amount(value) * 1.1))
        .to(
            topics.output(),
            org.apache.kafka.streams.kstream.Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @Override
  public PassthroughLogic passthroughLogic() {
    return (key, value, emit) -> {
      String decodedKey = new String(key, StandardCharsets.UTF_8);
      double amount = W1Records.amount(new String(value, StandardCharsets.UTF_8));
      if (amount > 50.0) {
        emit.accept(
            decodedKey.getBytes(StandardCharsets.UTF_8),
            Double.toString(amount * 1.1).getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public long checkOutput(OutputReader output, InputRecords input) {
    long expected = 0;
    for (byte[] value : input.values()) {
      if (W1Records.amount(new String(value, StandardCharsets.UTF_8)) > 50.0) {
        expected++;
      }
    }
    long written = output.recordCount();
    if (written != expected) {
      throw new IllegalStateException(
          "W1 wrote " + written + " output records, expected " + expected);
    }
    return written;
  }
}
