package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.streams.processor.Cancellable;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.PunctuationType;
import dev.sluice.streams.processor.Record;
import dev.sluice.testdriver.TestInputTopic;
import dev.sluice.testdriver.TestOutputTopic;
import dev.sluice.testdriver.TestRecord;
import dev.sluice.testdriver.TopologyTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class ProcessTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());
  private static final Produced<String, String> OUT =
      Produced.with(Serdes.String(), Serdes.String());

  /** Forwards each record with its value replaced by a per-task running count. */
  private static final class Counter implements Processor<String, String, String, String> {
    private ProcessorContext<String, String> context;
    private int count;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, String> record) {
      count++;
      context.forward(record.withValue(record.value() + "#" + count));
    }
  }

  private static TestOutputTopic<String, String> out(TopologyTestDriver driver, String topic) {
    return driver.outputTopic(topic, Serdes.String(), Serdes.String());
  }

  @Test
  void processForwardsWhatTheProcessorForwardsInOrderWithNulls() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).process(Counter::new).to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "x");
      in.pipe(null, "y");
      in.pipe("c", null);

      assertThat(out(driver, "out").readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("a", "x#1"), KeyValue.pair(null, "y#2"), KeyValue.pair("c", "null#3"));
    }
  }

  @Test
  void processMayChangeKeysAndDropOrMultiplyRecords() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Integer, String>() {
                  private ProcessorContext<Integer, String> context;

                  @Override
                  public void init(ProcessorContext<Integer, String> context) {
                    this.context = context;
                  }

                  @Override
                  public void process(Record<String, String> record) {
                    for (int i = 0; i < record.value().length(); i++) {
                      context.forward(record.withKey(i));
                    }
                  }
                })
        .to("out", Produced.with(Serdes.Integer(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "ab");
      in.pipe("k", "");
      in.pipe("k", "c");

      assertThat(driver.outputTopic("out", Serdes.Integer(), Serdes.String()).readKeyValuesToList())
          .containsExactly(KeyValue.pair(0, "ab"), KeyValue.pair(1, "ab"), KeyValue.pair(0, "c"));
    }
  }

  @Test
  void forwardToANamedChildReachesOnlyThatChild() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> routed =
        builder.stream("in", STRINGS)
            .process(
                () ->
                    new Processor<String, String, String, String>() {
                      private ProcessorContext<String, String> context;

                      @Override
                      public void init(ProcessorContext<String, String> context) {
                        this.context = context;
                      }

                      @Override
                      public void process(Record<String, String> record) {
                        context.forward(record, record.value().length() % 2 == 0 ? "even" : "odd");
                      }
                    },
                Named.as("router"));
    routed.peek((k, v) -> {}, Named.as("even")).to("even", OUT);
    routed.peek((k, v) -> {}, Named.as("odd")).to("odd", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "ab");
      in.pipe("k", "abc");
      in.pipe("k", "abcd");

      assertThat(out(driver, "even").readValuesToList()).containsExactly("ab", "abcd");
      assertThat(out(driver, "odd").readValuesToList()).containsExactly("abc");
    }
  }

  @Test
  void forwardToAnUnknownChildFailsListingTheChildren() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, String, String>() {
                  private ProcessorContext<String, String> context;

                  @Override
                  public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                  }

                  @Override
                  public void process(Record<String, String> record) {
                    context.forward(record, "nowhere");
                  }
                },
            Named.as("router"))
        .to("out", OUT.withName("sink"));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("k", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("step 'router' has no child named 'nowhere'")
          .hasMessageContaining("[sink]");
    }
  }

  @Test
  void recordMetadataNamesTopicPartitionAndOffsetOfTheInputRecord() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of("a", "b"), STRINGS)
        .process(
            () ->
                new Processor<String, String, String, String>() {
                  private ProcessorContext<String, String> context;

                  @Override
                  public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                  }

                  @Override
                  public void process(Record<String, String> record) {
                    String where =
                        context
                            .recordMetadata()
                            .map(m -> m.topic() + "/" + m.partition() + "/" + m.offset())
                            .orElse("none");
                    context.forward(record.withValue(where));
                  }
                })
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> a = driver.inputTopic("a", Serdes.String(), Serdes.String());
      TestInputTopic<String, String> b = driver.inputTopic("b", Serdes.String(), Serdes.String());
      a.pipe("k", "v");
      a.pipe("k", "v");
      b.pipe("k", "v");
      a.pipe("k", "v");

      assertThat(out(driver, "out").readValuesToList())
          .containsExactly("a/0/0", "a/0/1", "b/0/0", "a/0/2");
    }
  }

  @Test
  void recordMetadataIsEmptyInsideAPunctuation() {
    List<String> seen = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    context.schedule(
                        Duration.ofMillis(1),
                        PunctuationType.STREAM_TIME,
                        time -> seen.add("punctuate " + context.recordMetadata().isPresent()));
                  }

                  @Override
                  public void process(Record<String, String> record) {
                    seen.add("process");
                  }
                });
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v", 5L);

      assertThat(seen).containsExactly("process", "punctuate false");
    }
  }

  @Test
  void eachDriverOfOneTopologyGetsFreshProcessors() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).process(Counter::new).to("out", OUT);
    Topology topology = builder.build();

    for (int run = 0; run < 2; run++) {
      try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
        driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");

        assertThat(out(driver, "out").readValue()).isEqualTo("v#1");
      }
    }
  }

  @Test
  void contextExposesTaskIdApplicationIdAndStreamTime() {
    List<String> seen = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  private ProcessorContext<Void, Void> context;

                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    this.context = context;
                  }

                  @Override
                  public void process(Record<String, String> record) {
                    seen.add(
                        context.applicationId()
                            + " "
                            + context.taskId()
                            + " "
                            + context.currentStreamTimeMs());
                  }
                });
    try (TopologyTestDriver driver =
        new TopologyTestDriver(builder.build(), Map.of(SluiceConfig.APPLICATION_ID, "my-app"))) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "v", 20L);
      in.pipe("k", "v", 10L);
      in.pipe("k", "v", 30L);

      assertThat(seen).containsExactly("my-app 0_0 20", "my-app 0_0 20", "my-app 0_0 30");
    }
  }

  @Test
  void processValuesKeepsKeysAndTheKeySerde() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.Long(), Serdes.String()))
        .processValues(
            () ->
                new Processor<Long, String, Long, Integer>() {
                  private ProcessorContext<Long, Integer> context;

                  @Override
                  public void init(ProcessorContext<Long, Integer> context) {
                    this.context = context;
                  }

                  @Override
                  public void process(Record<Long, String> record) {
                    context.forward(
                        record.withValue(record.value() == null ? null : record.value().length()));
                  }
                })
        .to("out", Produced.with(Serdes.Long(), Serdes.Integer()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<Long, String> in = driver.inputTopic("in", Serdes.Long(), Serdes.String());
      in.pipe(1L, "abc");
      in.pipe(null, "x");
      in.pipe(3L, null);

      assertThat(driver.outputTopic("out", Serdes.Long(), Serdes.Integer()).readKeyValuesToList())
          .containsExactly(KeyValue.pair(1L, 3), KeyValue.pair(null, 1), KeyValue.pair(3L, null));
    }
  }

  @Test
  void processValuesForwardingAnotherKeyFailsWithAClearMessage() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .processValues(
            () ->
                new Processor<String, String, String, String>() {
                  private ProcessorContext<String, String> context;

                  @Override
                  public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                  }

                  @Override
                  public void process(Record<String, String> record) {
                    context.forward(record.withKey("other"));
                  }
                },
            Named.as("rekeyer"))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> in.pipe("mine", "v"))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining(
              "processValues step 'rekeyer' forwarded key 'other' for input key 'mine'")
          .hasMessageContaining("use process(...) to change keys");
      assertThat(out(driver, "out").isEmpty()).isTrue();
    }
  }

  @Test
  void closeIsCalledOnceWhenTheDriverCloses() {
    List<String> events = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    events.add("init");
                  }

                  @Override
                  public void process(Record<String, String> record) {
                    events.add("process " + record.value());
                  }

                  @Override
                  public void close() {
                    events.add("close");
                  }
                });
    TopologyTestDriver driver = new TopologyTestDriver(builder.build());
    driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");
    driver.close();
    driver.close();

    assertThat(events).containsExactly("init", "process v", "close");
  }

  @Test
  void aFailingInitFailsNamingTheStepAndThePhase() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    throw new IllegalStateException("no connection");
                  }

                  @Override
                  public void process(Record<String, String> record) {}
                },
            Named.as("connector"));
    Topology topology = builder.build();

    assertThatThrownBy(() -> new TopologyTestDriver(topology))
        .isInstanceOf(StreamsException.class)
        .hasMessageContaining("task 0_0: step 'connector' failed in init()")
        .hasMessageContaining("no connection");
  }

  @Test
  void processorsAreInitialisedWhenTheDriverStarts() {
    List<String> events = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    events.add("init");
                  }

                  @Override
                  public void process(Record<String, String> record) {}

                  @Override
                  public void close() {
                    events.add("close");
                  }
                });
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      assertThat(events).containsExactly("init");
    }
    assertThat(events).containsExactly("init", "close");
  }

  /** Schedules one punctuation in init that forwards the punctuation time as a record. */
  private static ProcessorSupplier<String, String, String, String> punctuating(
      PunctuationType type, long intervalMs, List<Cancellable> handles) {
    return () ->
        new Processor<>() {
          private ProcessorContext<String, String> context;

          @Override
          public void init(ProcessorContext<String, String> context) {
            this.context = context;
            handles.add(
                context.schedule(
                    Duration.ofMillis(intervalMs),
                    type,
                    time -> context.forward(new Record<>("tick", String.valueOf(time), time))));
          }

          @Override
          public void process(Record<String, String> record) {
            context.forward(record);
          }
        };
  }

  @Test
  void streamTimePunctuationFiresAsRecordsMoveStreamTime() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(punctuating(PunctuationType.STREAM_TIME, 10, new ArrayList<>()))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("r", "a", 100L); // first record: fires at 100, next due 110
      in.pipe("r", "b", 105L);
      in.pipe("r", "c", 110L); // due: fires at 110
      in.pipe("r", "d", 95L); // out of order: stream time stays 110
      in.pipe("r", "e", 145L); // jumps three intervals: fires once, next due 150

      in.pipe("r", "f", 149L);
      in.pipe("r", "g", 150L);

      assertThat(out(driver, "out").readKeyValuesToList())
          .containsExactly(
              KeyValue.pair("r", "a"),
              KeyValue.pair("tick", "100"),
              KeyValue.pair("r", "b"),
              KeyValue.pair("r", "c"),
              KeyValue.pair("tick", "110"),
              KeyValue.pair("r", "d"),
              KeyValue.pair("r", "e"),
              KeyValue.pair("tick", "145"),
              KeyValue.pair("r", "f"),
              KeyValue.pair("r", "g"),
              KeyValue.pair("tick", "150"));
    }
  }

  @Test
  void streamTimePunctuationIgnoresTheWallClock() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(punctuating(PunctuationType.STREAM_TIME, 10, new ArrayList<>()))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.advanceWallClock(Duration.ofHours(1));

      assertThat(out(driver, "out").isEmpty()).isTrue();
    }
  }

  @Test
  void wallClockPunctuationFiresAsTheDriverClockAdvances() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(punctuating(PunctuationType.WALL_CLOCK_TIME, 100, new ArrayList<>()))
        .to("out", OUT);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(builder.build(), Map.of(), Instant.ofEpochMilli(1_000))) {
      TestOutputTopic<String, String> out = out(driver, "out");

      driver.advanceWallClock(Duration.ofMillis(99));
      assertThat(out.isEmpty()).isTrue();

      driver.advanceWallClock(Duration.ofMillis(1));
      assertThat(out.readValuesToList()).containsExactly("1100");

      driver.advanceWallClock(Duration.ofMillis(350)); // three intervals due: fires once
      assertThat(out.readValuesToList()).containsExactly("1450");

      driver.advanceWallClock(Duration.ofMillis(50)); // next due at 1500, on the original grid
      assertThat(out.readValuesToList()).containsExactly("1500");

      // records do not drive wall-clock punctuation
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("r", "x", 99_999L);
      assertThat(out.readValuesToList()).containsExactly("x");
    }
  }

  @Test
  void punctuationOutputKeepsThePunctuatorsTimestamp() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(punctuating(PunctuationType.WALL_CLOCK_TIME, 10, new ArrayList<>()))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.advanceWallClock(Duration.ofMillis(10));

      TestRecord<String, String> tick = out(driver, "out").readRecord();
      assertThat(tick.timestamp()).isEqualTo(10L);
      assertThat(tick.key()).isEqualTo("tick");
    }
  }

  @Test
  void cancelStopsThePunctuation() {
    List<Cancellable> handles = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(punctuating(PunctuationType.WALL_CLOCK_TIME, 10, handles))
        .to("out", OUT);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestOutputTopic<String, String> out = out(driver, "out");
      driver.advanceWallClock(Duration.ofMillis(10));
      assertThat(out.readValuesToList()).containsExactly("10");

      assertThat(handles).hasSize(1);
      handles.get(0).cancel();
      handles.get(0).cancel();
      driver.advanceWallClock(Duration.ofMillis(100));

      assertThat(out.isEmpty()).isTrue();
    }
  }

  @Test
  void aStreamTimePunctuationCanCancelItself() {
    List<String> ticks = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  private Cancellable handle;

                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    handle =
                        context.schedule(
                            Duration.ofMillis(1),
                            PunctuationType.STREAM_TIME,
                            time -> {
                              ticks.add(String.valueOf(time));
                              if (ticks.size() == 2) {
                                handle.cancel();
                              }
                            });
                  }

                  @Override
                  public void process(Record<String, String> record) {}
                });
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      for (long t = 1; t <= 5; t++) {
        in.pipe("k", "v", t);
      }

      assertThat(ticks).containsExactly("1", "2");
    }
  }

  @Test
  void aFailingPunctuatorFailsNamingTheStep() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    context.schedule(
                        Duration.ofMillis(5),
                        PunctuationType.WALL_CLOCK_TIME,
                        time -> {
                          throw new IllegalStateException("tick failed");
                        });
                  }

                  @Override
                  public void process(Record<String, String> record) {}
                },
            Named.as("ticker"));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      assertThatThrownBy(() -> driver.advanceWallClock(Duration.ofMillis(5)))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("step 'ticker' failed in a punctuation")
          .hasMessageContaining("tick failed");
    }
  }

  @Test
  void scheduleRejectsBadArguments() {
    List<Throwable> errors = new ArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .process(
            () ->
                new Processor<String, String, Void, Void>() {
                  @Override
                  public void init(ProcessorContext<Void, Void> context) {
                    List<Runnable> calls =
                        List.of(
                            () ->
                                context.schedule(
                                    Duration.ZERO, PunctuationType.STREAM_TIME, time -> {}),
                            () -> context.schedule(null, PunctuationType.STREAM_TIME, time -> {}),
                            () -> context.schedule(Duration.ofMillis(1), null, time -> {}),
                            () ->
                                context.schedule(
                                    Duration.ofMillis(1), PunctuationType.STREAM_TIME, null));
                    for (Runnable call : calls) {
                      try {
                        call.run();
                      } catch (RuntimeException e) {
                        errors.add(e);
                      }
                    }
                  }

                  @Override
                  public void process(Record<String, String> record) {}
                },
            Named.as("sched"));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");

      assertThat(errors).hasSize(4);
      assertThat(errors.get(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("step 'sched': punctuation interval PT0S is below 1 ms");
      assertThat(errors.get(1)).hasMessage("interval must not be null");
      assertThat(errors.get(2)).hasMessage("type must not be null");
      assertThat(errors.get(3)).hasMessage("punctuator must not be null");
    }
  }

  @Test
  void badArgumentsAreRejected() {
    KStream<String, String> stream = new StreamsBuilder().stream("in", STRINGS);

    assertThatThrownBy(() -> stream.process(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("supplier must not be null");
    assertThatThrownBy(() -> stream.processValues(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("supplier must not be null");
    assertThatThrownBy(() -> stream.process(Counter::new, (Named) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.processValues(Counter::new, (Named) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("named must not be null");
    assertThatThrownBy(() -> stream.process(Counter::new, (String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("stateStoreNames must not be null");
  }

  @Test
  void aSupplierReturningNullFailsNamingTheStep() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .<String, String>process(() -> null, Named.as("empty"))
        .to("out", OUT);
    Topology topology = builder.build();

    assertThatThrownBy(
            () -> {
              try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
                driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");
              }
            })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step 'empty': the ProcessorSupplier returned null");
  }
}
