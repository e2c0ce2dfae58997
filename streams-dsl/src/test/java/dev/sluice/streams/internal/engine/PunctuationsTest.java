package dev.sluice.streams.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.Consumed;
import dev.sluice.streams.DeserializationExceptionHandler;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.processor.Cancellable;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.PunctuationType;
import dev.sluice.streams.processor.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Punctuation semantics, driven through a {@link Task} (so the test does not depend on how the
 * engine wires {@link Punctuations} internally).
 */
class PunctuationsTest {
  private static final TopicPartition A = new TopicPartition("a", 0);

  private final AtomicLong clock = new AtomicLong(0);
  private final List<Long> fired = new ArrayList<>();
  private final List<Cancellable> handles = new ArrayList<>();
  private long nextOffset;

  /** A running task whose one processor runs {@code onInit} with its context. */
  private Task task(Consumer<ProcessorContext<Void, Void>> onInit) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("a", Consumed.with(Serdes.String(), Serdes.String()))
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    onInit.accept(context);
                  }

                  @Override
                  public void process(Record<String, String> record) {}
                });
    Task task =
        new Task(
            new TaskId(0, 0),
            ((CompiledTopology) builder.build()).subTopologies().get(0),
            "app",
            DeserializationExceptionHandler.logAndFail(),
            new FakeRecordCollector(1),
            clock::get);
    task.initialize();
    return task;
  }

  private Task scheduling(PunctuationType type, long intervalMs) {
    return task(
        context -> handles.add(context.schedule(Duration.ofMillis(intervalMs), type, fired::add)));
  }

  /** Queues and processes one record at a timestamp. */
  private void record(Task task, long timestamp) {
    task.addRecords(
        A,
        List.of(
            new ConsumerRecord<>(
                "a",
                0,
                nextOffset++,
                timestamp,
                TimestampType.CREATE_TIME,
                -1,
                1,
                null,
                new byte[] {'v'},
                new RecordHeaders(),
                Optional.empty(),
                Optional.empty())));
    assertThat(task.process()).isTrue();
  }

  @Test
  void theFirstStreamTimePunctuationFiresWithTheFirstRecord() {
    Task task = scheduling(PunctuationType.STREAM_TIME, 10);

    record(task, 1_000);
    assertThat(fired).containsExactly(1_000L);

    record(task, 1_009);
    assertThat(fired).containsExactly(1_000L);

    record(task, 1_010);
    assertThat(fired).containsExactly(1_000L, 1_010L);
  }

  @Test
  void jumpingSeveralIntervalsFiresOnceAndStaysOnTheGrid() {
    Task task = scheduling(PunctuationType.STREAM_TIME, 10);
    record(task, 100);

    record(task, 155);
    record(task, 159);
    record(task, 160);

    assertThat(fired).containsExactly(100L, 155L, 160L);
  }

  @Test
  void outOfOrderRecordsDoNotFireAgain() {
    Task task = scheduling(PunctuationType.STREAM_TIME, 10);
    record(task, 100);
    record(task, 110);

    record(task, 50);
    record(task, 115);

    assertThat(fired).containsExactly(100L, 110L);
  }

  @Test
  void scheduledOnceStreamTimeIsKnownItFirstFiresOneIntervalLater() {
    List<Long> late = new ArrayList<>();
    List<ProcessorContext<Void, Void>> contexts = new ArrayList<>();
    Task task = task(contexts::add);
    record(task, 500);

    contexts.get(0).schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME, late::add);
    record(task, 509);
    record(task, 510);

    assertThat(late).containsExactly(510L);
  }

  @Test
  void wallClockPunctuationUsesTheInjectedClockAndFirstFiresOneIntervalAfterScheduling() {
    clock.set(2_000);
    Task task = scheduling(PunctuationType.WALL_CLOCK_TIME, 100);

    clock.set(2_099);
    assertThat(task.punctuateWallClock()).isFalse();
    clock.set(2_100);
    assertThat(task.punctuateWallClock()).isTrue();
    assertThat(task.punctuateWallClock()).isFalse();
    clock.set(2_450);
    assertThat(task.punctuateWallClock()).isTrue();
    clock.set(2_499);
    assertThat(task.punctuateWallClock()).isFalse();
    clock.set(2_500);
    assertThat(task.punctuateWallClock()).isTrue();

    assertThat(fired).containsExactly(2_100L, 2_450L, 2_500L);
  }

  @Test
  void recordsDoNotDriveWallClockPunctuationsNorTheClockStreamTimeOnes() {
    Task wall = scheduling(PunctuationType.WALL_CLOCK_TIME, 10);
    record(wall, 1_000_000);
    assertThat(fired).isEmpty();

    Task stream = scheduling(PunctuationType.STREAM_TIME, 10);
    clock.set(1_000_000);
    assertThat(stream.punctuateWallClock()).isFalse();
    assertThat(fired).isEmpty();
  }

  @Test
  void aSuspendedTaskDoesNotPunctuate() {
    Task task = scheduling(PunctuationType.WALL_CLOCK_TIME, 100);
    task.suspend();
    clock.set(1_000);

    assertThat(task.punctuateWallClock()).isFalse();
    task.resume();
    assertThat(task.punctuateWallClock()).isTrue();
    assertThat(fired).containsExactly(1_000L);
  }

  @Test
  void aCancelledScheduleNeverFiresAgain() {
    Task task = scheduling(PunctuationType.STREAM_TIME, 10);
    record(task, 0);

    handles.get(0).cancel();
    handles.get(0).cancel();
    record(task, 100);

    assertThat(fired).containsExactly(0L);
  }

  @Test
  void aScheduleAddedInsideAPunctuationFiresFromTheNextRound() {
    Task task =
        task(
            context ->
                context.schedule(
                    Duration.ofMillis(10),
                    PunctuationType.STREAM_TIME,
                    time -> {
                      fired.add(time);
                      if (fired.size() == 1) {
                        context.schedule(
                            Duration.ofMillis(1), PunctuationType.STREAM_TIME, t -> fired.add(-t));
                      }
                    }));

    record(task, 0);
    assertThat(fired).containsExactly(0L);

    record(task, 1);
    assertThat(fired).containsExactly(0L, -1L);
  }
}
