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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class PunctuationsTest {
  private static final long UNSET = Long.MIN_VALUE;

  private final Punctuations punctuations = new Punctuations();
  private final ProcessorNodeRuntime node =
      new ProcessorNodeRuntime("p", record -> {}, new TaskScope(new TaskId(0, 0), "app", () -> 0L));
  private final List<Long> fired = new ArrayList<>();

  private Cancellable schedule(PunctuationType type, long interval, long streamTime, long wall) {
    return punctuations.schedule(node, interval, type, fired::add, streamTime, wall);
  }

  @Test
  void theFirstStreamTimePunctuationFiresWithTheFirstRecord() {
    schedule(PunctuationType.STREAM_TIME, 10, UNSET, 0);

    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, UNSET)).isFalse();
    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 1_000)).isTrue();
    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 1_009)).isFalse();
    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 1_010)).isTrue();

    assertThat(fired).containsExactly(1_000L, 1_010L);
  }

  @Test
  void scheduledOnceStreamTimeIsKnownItFirstFiresOneIntervalLater() {
    schedule(PunctuationType.STREAM_TIME, 10, 500, 0);

    punctuations.fire(PunctuationType.STREAM_TIME, 500);
    punctuations.fire(PunctuationType.STREAM_TIME, 509);
    punctuations.fire(PunctuationType.STREAM_TIME, 510);

    assertThat(fired).containsExactly(510L);
  }

  @Test
  void jumpingSeveralIntervalsFiresOnceAndStaysOnTheGrid() {
    schedule(PunctuationType.STREAM_TIME, 10, UNSET, 0);
    punctuations.fire(PunctuationType.STREAM_TIME, 100);

    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 155)).isTrue();
    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 159)).isFalse();
    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 160)).isTrue();

    assertThat(fired).containsExactly(100L, 155L, 160L);
  }

  @Test
  void wallClockPunctuationFirstFiresOneIntervalAfterScheduling() {
    schedule(PunctuationType.WALL_CLOCK_TIME, 100, UNSET, 2_000);

    assertThat(punctuations.fire(PunctuationType.WALL_CLOCK_TIME, 2_099)).isFalse();
    assertThat(punctuations.fire(PunctuationType.WALL_CLOCK_TIME, 2_100)).isTrue();
    assertThat(punctuations.fire(PunctuationType.WALL_CLOCK_TIME, 2_450)).isTrue();
    assertThat(punctuations.fire(PunctuationType.WALL_CLOCK_TIME, 2_499)).isFalse();
    assertThat(punctuations.fire(PunctuationType.WALL_CLOCK_TIME, 2_500)).isTrue();

    assertThat(fired).containsExactly(2_100L, 2_450L, 2_500L);
  }

  @Test
  void eachClockOnlyFiresItsOwnSchedules() {
    schedule(PunctuationType.WALL_CLOCK_TIME, 10, UNSET, 0);

    assertThat(punctuations.hasStreamTimeSchedules()).isFalse();
    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 1_000)).isFalse();
    assertThat(fired).isEmpty();
  }

  @Test
  void aCancelledScheduleNeverFiresAgain() {
    Cancellable handle = schedule(PunctuationType.STREAM_TIME, 10, UNSET, 0);
    punctuations.fire(PunctuationType.STREAM_TIME, 0);

    handle.cancel();
    handle.cancel();

    assertThat(punctuations.fire(PunctuationType.STREAM_TIME, 100)).isFalse();
    assertThat(punctuations.hasStreamTimeSchedules()).isFalse();
    assertThat(fired).containsExactly(0L);
  }

  @Test
  void aScheduleAddedInsideAPunctuationFiresFromTheNextRound() {
    punctuations.schedule(
        node,
        10,
        PunctuationType.STREAM_TIME,
        time -> {
          fired.add(time);
          if (fired.size() == 1) {
            schedule(PunctuationType.STREAM_TIME, 1, time, 0);
          }
        },
        UNSET,
        0);

    punctuations.fire(PunctuationType.STREAM_TIME, 0);
    assertThat(fired).containsExactly(0L);

    punctuations.fire(PunctuationType.STREAM_TIME, 1);
    assertThat(fired).containsExactly(0L, 1L);
  }

  @Test
  void aTaskFiresWallClockPunctuationsByItsInjectedClockOnly() {
    AtomicLong clock = new AtomicLong(5_000);
    List<Long> ticks = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("a", Consumed.with(Serdes.String(), Serdes.String()))
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    context.schedule(
                        Duration.ofMillis(100), PunctuationType.WALL_CLOCK_TIME, ticks::add);
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

    assertThat(task.punctuateWallClock()).isFalse();
    clock.set(5_100);
    assertThat(task.punctuateWallClock()).isTrue();
    assertThat(task.punctuateWallClock()).isFalse();
    task.suspend();
    clock.set(6_000);
    assertThat(task.punctuateWallClock()).isFalse();
    task.resume();
    assertThat(task.punctuateWallClock()).isTrue();

    assertThat(ticks).containsExactly(5_100L, 6_000L);
  }
}
