package dev.sluice.streams.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.DeserializationExceptionHandler;
import dev.sluice.streams.KStream;
import dev.sluice.streams.Named;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.compile.SubTopology;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TaskTest {
  private static final TopicPartition A = new TopicPartition("a", 0);
  private static final TopicPartition B = new TopicPartition("b", 0);

  private final FakeRecordCollector collector = new FakeRecordCollector(1);

  /** a and b (strings) copied to "out" (strings), as one sub-topology. */
  private static SubTopology twoTopicsToOut() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of("a", "b"), Consumed.with(Serdes.String(), Serdes.String()))
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    return ((CompiledTopology) builder.build()).subTopologies().get(0);
  }

  private Task task(DeserializationExceptionHandler handler) {
    return new Task(new TaskId(0, 0), twoTopicsToOut(), "app", handler, collector, () -> 0L);
  }

  private Task runningTask() {
    Task task = task(DeserializationExceptionHandler.logAndFail());
    task.initialize();
    return task;
  }

  private static ConsumerRecord<byte[], byte[]> raw(
      TopicPartition tp, long offset, long timestamp, String value) {
    byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    return new ConsumerRecord<>(
        tp.topic(),
        tp.partition(),
        offset,
        timestamp,
        TimestampType.CREATE_TIME,
        -1,
        bytes == null ? -1 : bytes.length,
        null,
        bytes,
        new RecordHeaders(),
        Optional.empty(),
        Optional.empty());
  }

  private static List<String> drain(Task task) {
    List<String> streamTimes = new ArrayList<>();
    while (task.process()) {
      streamTimes.add(String.valueOf(task.streamTime()));
    }
    return streamTimes;
  }

  @Test
  void processesTheQueuedHeadWithTheLowestTimestampNext() {
    Task task = runningTask();
    task.addRecords(A, List.of(raw(A, 0, 10, "a10"), raw(A, 1, 30, "a30")));
    task.addRecords(B, List.of(raw(B, 0, 20, "b20"), raw(B, 1, 25, "b25")));

    drain(task);

    assertThat(collector.values()).containsExactly("a10", "b20", "b25", "a30");
  }

  @Test
  void eachPartitionStaysInOffsetOrderEvenWhenTimestampsGoBack() {
    Task task = runningTask();
    task.addRecords(A, List.of(raw(A, 0, 10, "a10"), raw(A, 1, 40, "a40")));
    task.addRecords(B, List.of(raw(B, 0, 20, "b20"), raw(B, 1, 5, "b5")));

    drain(task);

    // b5 waits behind b20: a partition is never reordered, only partitions are interleaved
    assertThat(collector.values()).containsExactly("a10", "b20", "b5", "a40");
  }

  @Test
  void equalTimestampsGoToThePartitionAddedFirst() {
    Task task = runningTask();
    task.addRecords(B, List.of(raw(B, 0, 10, "b")));
    task.addRecords(A, List.of(raw(A, 0, 10, "a")));

    drain(task);

    assertThat(collector.values()).containsExactly("b", "a");
  }

  @Test
  void streamTimeIsTheLargestTimestampProcessedAndNeverGoesBack() {
    Task task = runningTask();
    assertThat(task.streamTime()).isEqualTo(Long.MIN_VALUE);
    task.addRecords(A, List.of(raw(A, 0, 10, "x"), raw(A, 1, 30, "x"), raw(A, 2, 15, "x")));
    task.addRecords(B, List.of(raw(B, 0, 20, "x")));

    List<String> streamTimes = drain(task);

    assertThat(streamTimes).containsExactly("10", "20", "30", "30");
  }

  @Test
  void sinksSendSerializedRecordsWithTheirTimestamp() {
    Task task = runningTask();
    task.addRecords(A, List.of(raw(A, 0, 42, "v"), raw(A, 1, 43, null)));

    drain(task);

    assertThat(collector.sent)
        .containsExactly(
            new FakeRecordCollector.Sent("out", null, 42, null, "v"),
            new FakeRecordCollector.Sent("out", null, 43, null, null));
  }

  @Test
  void committableOffsetsAreOnePastTheLastProcessedRecordPerPartition() {
    Task task = runningTask();
    assertThat(task.committableOffsets()).isEmpty();
    task.addRecords(A, List.of(raw(A, 5, 1, "x"), raw(A, 6, 2, "x")));
    task.addRecords(B, List.of(raw(B, 9, 3, "x")));
    assertThat(task.committableOffsets()).isEmpty();

    task.process();
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 6L));

    drain(task);
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 7L, B, 10L));
    assertThat(task.queuedRecords()).isZero();
  }

  @Test
  void skippedRecordsCountAsConsumed() {
    Task task = task(DeserializationExceptionHandler.logAndContinue());
    task.initialize();
    // a negative timestamp is skipped at queueing time
    task.addRecords(A, List.of(raw(A, 0, -1, "bad")));

    assertThat(task.skippedRecords()).isEqualTo(1);
    assertThat(task.queuedRecords()).isZero();
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 1L));
  }

  @Test
  void aRecordSkippedBehindQueuedRecordsIsCommittedOnceTheyAreProcessed() {
    Task task = runningTask();
    task.addRecords(A, List.of(raw(A, 0, 10, "ok"), raw(A, 1, -1, "bad"), raw(A, 2, -1, "bad")));
    assertThat(task.committableOffsets()).isEmpty();

    drain(task);

    assertThat(collector.values()).containsExactly("ok");
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 3L));
  }

  @Test
  void aRecordSkippedBetweenQueuedRecordsIsCommittedWithTheRecordBeforeIt() {
    Task task = runningTask();
    task.addRecords(A, List.of(raw(A, 0, 10, "x"), raw(A, 1, -1, "bad"), raw(A, 2, 20, "y")));

    task.process();
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 2L));

    task.process();
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 3L));
  }

  private static void addAndProcess(Task task, TopicPartition tp, long offset, long ts, String v) {
    task.addRecordAndProcess(
        tp, offset, ts, null, v.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
  }

  @Test
  void aRecordAddedAndProcessedWithNothingQueuedIsProcessedAtOnceAndConsumed() {
    Task task = runningTask();

    addAndProcess(task, A, 5, 10, "a10");

    assertThat(collector.values()).containsExactly("a10");
    assertThat(task.streamTime()).isEqualTo(10);
    assertThat(task.queuedRecords()).isZero();
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 6L));
  }

  @Test
  void aRecordAddedAndProcessedBehindQueuedRecordsTakesItsEventTimeTurn() {
    Task task = runningTask();
    task.addRecords(B, List.of(raw(B, 0, 20, "b20"), raw(B, 1, 40, "b40")));

    addAndProcess(task, A, 0, 30, "a30");

    assertThat(collector.values()).containsExactly("b20", "a30", "b40");
    assertThat(task.queuedRecords()).isZero();
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 1L, B, 2L));
  }

  @Test
  void aRecordAddedAndProcessedOnASuspendedTaskWaitsUntilResumed() {
    Task task = runningTask();
    task.suspend();

    addAndProcess(task, A, 0, 1, "x");

    assertThat(collector.sent).isEmpty();
    assertThat(task.queuedRecords()).isEqualTo(1);
    task.resume();
    assertThat(task.process()).isTrue();
    assertThat(collector.values()).containsExactly("x");
  }

  @Test
  void anUndecodableRecordAddedAndProcessedReachesTheHandlerAsAConsumerRecord() {
    List<ConsumerRecord<byte[], byte[]>> handled = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("a", Consumed.with(Serdes.String(), Serdes.Integer()))
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    Task task =
        new Task(
            new TaskId(0, 0),
            ((CompiledTopology) builder.build()).subTopologies().get(0),
            "app",
            (record, deserializer, error) -> {
              handled.add(record);
              return DeserializationExceptionHandler.Response.CONTINUE;
            },
            collector,
            () -> 0L);
    task.initialize();

    addAndProcess(task, A, 7, 3, "abc");

    assertThat(handled).hasSize(1);
    ConsumerRecord<byte[], byte[]> record = handled.get(0);
    assertThat(record.topic()).isEqualTo("a");
    assertThat(record.partition()).isZero();
    assertThat(record.offset()).isEqualTo(7);
    assertThat(record.timestamp()).isEqualTo(3);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(task.skippedRecords()).isEqualTo(1);
    assertThat(task.committableOffsets()).isEqualTo(Map.of(A, 8L));
    assertThat(collector.sent).isEmpty();
  }

  @Test
  void anUndecodableRecordFailsUnderTheDefaultHandler() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("a", Consumed.with(Serdes.String(), Serdes.Integer()))
        .to("out", Produced.with(Serdes.String(), Serdes.Integer()));
    SubTopology sub = ((CompiledTopology) builder.build()).subTopologies().get(0);
    Task task =
        new Task(
            new TaskId(0, 3),
            sub,
            "app",
            DeserializationExceptionHandler.logAndFail(),
            collector,
            () -> 0L);
    task.initialize();

    assertThatThrownBy(() -> task.addRecords(A, List.of(raw(A, 7, 1, "abc"))))
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("a-0 offset 7")
        .hasMessageContaining("IntegerDeserializer");
    assertThat(task.queuedRecords()).isZero();
  }

  @Test
  void nothingIsProcessedBeforeInitialize() {
    Task task = task(DeserializationExceptionHandler.logAndFail());
    task.addRecords(A, List.of(raw(A, 0, 1, "x")));

    assertThat(task.state()).isEqualTo(Task.State.CREATED);
    assertThat(task.process()).isFalse();
    assertThat(task.queuedRecords()).isEqualTo(1);

    task.initialize();
    assertThat(task.state()).isEqualTo(Task.State.RUNNING);
    assertThat(task.process()).isTrue();
    assertThat(task.process()).isFalse();
    assertThat(collector.values()).containsExactly("x");
  }

  @Test
  void aSuspendedTaskKeepsItsRecordsUntilResumed() {
    Task task = runningTask();
    task.suspend();
    task.addRecords(A, List.of(raw(A, 0, 1, "x")));

    assertThat(task.state()).isEqualTo(Task.State.SUSPENDED);
    assertThat(task.process()).isFalse();
    assertThat(collector.sent).isEmpty();

    task.resume();
    assertThat(task.process()).isTrue();
    assertThat(collector.values()).containsExactly("x");
  }

  @Test
  void invalidTransitionsFailNamingTheStates() {
    Task task = runningTask();

    assertThatThrownBy(task::initialize)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("task 0_0 cannot go from RUNNING to RESTORING");
    assertThatThrownBy(task::resume)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from RUNNING to RUNNING");
  }

  @Test
  void closeIsIdempotentAndAClosedTaskRejectsRecords() {
    Task task = runningTask();
    task.close();
    task.close();

    assertThat(task.state()).isEqualTo(Task.State.CLOSED);
    assertThat(task.process()).isFalse();
    assertThatThrownBy(() -> task.addRecords(A, List.of(raw(A, 0, 1, "x"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("task 0_0 is closed");
    assertThatThrownBy(task::resume).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeClosesEveryProcessorEvenWhenOneFails() {
    List<String> closed = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> in =
        builder.stream("a", Consumed.with(Serdes.String(), Serdes.String()));
    in.process(closing("first", closed, true), Named.as("first"));
    in.process(closing("second", closed, false), Named.as("second"));
    Task task =
        new Task(
            new TaskId(0, 0),
            ((CompiledTopology) builder.build()).subTopologies().get(0),
            "app",
            DeserializationExceptionHandler.logAndFail(),
            collector,
            () -> 0L);
    task.initialize();

    assertThatThrownBy(task::close)
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("task 0_0: step 'first' failed in close()")
        .hasRootCauseMessage("first cannot close");
    assertThat(closed).containsExactly("first", "second");
    assertThat(task.state()).isEqualTo(Task.State.CLOSED);
    task.close();
    assertThat(closed).hasSize(2);
  }

  private static ProcessorSupplier<String, String, Void, Void> closing(
      String name, List<String> closed, boolean fail) {
    return () ->
        new Processor<>() {
          @Override
          public void process(Record<String, String> record) {}

          @Override
          public void close() {
            closed.add(name);
            if (fail) {
              throw new IllegalStateException(name + " cannot close");
            }
          }
        };
  }

  @Test
  void aTaskClosedBeforeInitializeCanBeClosed() {
    Task task = task(DeserializationExceptionHandler.logAndFail());
    task.close();

    assertThat(task.state()).isEqualTo(Task.State.CLOSED);
    assertThatThrownBy(task::initialize).isInstanceOf(IllegalStateException.class);
  }
}
