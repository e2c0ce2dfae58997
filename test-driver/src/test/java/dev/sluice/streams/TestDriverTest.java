package dev.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
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
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TestDriverTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  private static Topology passThrough() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("out");
    return builder.build();
  }

  @Test
  void inputTopicTimestampsStartAtTheStartAndAutoAdvance() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      TestInputTopic<String, String> in =
          driver.inputTopic(
              "in",
              Serdes.String(),
              Serdes.String(),
              Instant.ofEpochMilli(1_000),
              Duration.ofMillis(10));
      in.pipe("k", "a");
      in.pipe("b");
      in.pipe("k", "explicit", 5L);
      in.advanceTime(Duration.ofSeconds(1));
      in.pipeAll(List.of(KeyValue.pair("k", "c"), KeyValue.pair("k", "d")));

      List<TestRecord<String, String>> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll();

      assertThat(out)
          .extracting(TestRecord::timestamp)
          .containsExactly(1_000L, 1_010L, 5L, 2_020L, 2_030L);
      assertThat(out.get(1).key()).isNull();
    }
  }

  @Test
  void withoutAutoAdvanceEveryRecordGetsTheDriverStartTime() {
    try (TopologyTestDriver driver =
        new TopologyTestDriver(passThrough(), Map.of(), Instant.ofEpochMilli(777))) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "a");
      in.pipe("k", "b");
      in.pipe("k", "c", Instant.ofEpochMilli(900));

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll())
          .extracting(TestRecord::timestamp)
          .containsExactly(777L, 777L, 900L);
      assertThat(driver.wallClockMs()).isEqualTo(777L);
    }
  }

  @Test
  void pipeRecordsKeepsEachRecordsFields() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      driver
          .inputTopic("in", Serdes.String(), Serdes.String())
          .pipeRecords(List.of(new TestRecord<>("a", "1", 30L), new TestRecord<>(null, null, 20L)));

      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll())
          .extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
          .containsExactly(tuple("a", "1", 30L), tuple(null, null, 20L));
    }
  }

  @Test
  void readToMapKeepsTheLatestValuePerKeyAndTombstonesRemoveKeys() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("a", "1");
      in.pipe("b", "1");
      in.pipe("a", "2");
      in.pipe("b", null);
      in.pipe("c", "1");
      in.pipe("c", null);
      in.pipe("c", "3");

      TestOutputTopic<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String());

      assertThat(out.readToMap()).containsExactly(entry("a", "2"), entry("c", "3"));
      assertThat(out.isEmpty()).isTrue();
    }
  }

  @Test
  void readingConsumesAndSizeCountsWhatIsLeft() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      TestOutputTopic<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String());
      in.pipe("a", "1");
      in.pipe("b", "2");
      in.pipe("c", "3");

      assertThat(out.size()).isEqualTo(3);
      assertThat(out.readValue()).isEqualTo("1");
      assertThat(out.readKeyValue()).isEqualTo(KeyValue.pair("b", "2"));
      assertThat(out.size()).isEqualTo(1);
      assertThat(out.readValuesToList()).containsExactly("3");
      assertThat(out.isEmpty()).isTrue();
      assertThat(out.readAll()).isEmpty();
    }
  }

  @Test
  void twoOutputTopicHandlesShareTheSameRecords() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      TestOutputTopic<String, String> first =
          driver.outputTopic("out", Serdes.String(), Serdes.String());
      TestOutputTopic<String, String> second =
          driver.outputTopic("out", Serdes.String(), Serdes.String());
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");

      assertThat(second.readValue()).isEqualTo("v");
      assertThat(first.isEmpty()).isTrue();
    }
  }

  @Test
  void readingAnEmptyOutputTopicThrowsNamingTheTopic() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      TestOutputTopic<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String());

      assertThatThrownBy(out::readRecord)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("'out'");
      assertThatThrownBy(out::readValue).isInstanceOf(NoSuchElementException.class);
      assertThatThrownBy(out::readKeyValue).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void anInputTopicTheTopologyDoesNotReadIsRejectedListingTheTopicsItReads() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("out");
    builder.stream("in2", STRINGS).to("out");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      assertThatThrownBy(() -> driver.inputTopic("nope", Serdes.String(), Serdes.String()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("topic 'nope' is not read by the topology; it reads [in, in2]");
    }
  }

  @Test
  void recordsWrittenToATopicTheTopologyReadsAreProcessedBeforePipeReturns() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS)
        .mapValues(v -> v + ">through")
        .to("through", Produced.with(Serdes.String(), Serdes.String()));
    builder.stream("through", STRINGS)
        .mapValues(v -> v + ">out")
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    Topology topology = builder.build();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "a", 10L);
      in.pipe("k", "b", 20L);

      assertThat(topology.subTopologyCount()).isEqualTo(2);
      assertThat(driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll())
          .extracting(TestRecord::value, TestRecord::timestamp)
          .containsExactly(tuple("a>through>out", 10L), tuple("b>through>out", 20L));
      assertThat(driver.outputTopic("through", Serdes.String(), Serdes.String()).readValuesToList())
          .containsExactly("a>through", "b>through");
    }
  }

  @Test
  void processorsMayAddHeadersToRecordsReadFromAThroughTopic() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", STRINGS).to("through");
    builder.stream("through", STRINGS)
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
                    record.headers().add("seen", new byte[] {1});
                    context.forward(record);
                  }
                })
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      driver.inputTopic("in", Serdes.String(), Serdes.String()).pipe("k", "v");

      TestRecord<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readRecord();
      assertThat(out.headers().lastHeader("seen").value()).containsExactly(1);
      assertThat(
              driver
                  .outputTopic("through", Serdes.String(), Serdes.String())
                  .readRecord()
                  .headers()
                  .toArray())
          .isEmpty();
    }
  }

  @Test
  void processorsMayAddHeadersToRecordsPipedWithoutHeadersAndEachRecordKeepsItsOwn() {
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
                    record.headers().add("seen", record.value().getBytes());
                    context.forward(record);
                  }
                })
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe("k", "a");
      in.pipe("k", "b", 5L);

      List<TestRecord<String, String>> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readAll();
      assertThat(out).hasSize(2);
      assertThat(out.get(0).headers().toArray()).hasSize(1);
      assertThat(out.get(0).headers().lastHeader("seen").value()).isEqualTo("a".getBytes());
      assertThat(out.get(1).headers().toArray()).hasSize(1);
      assertThat(out.get(1).headers().lastHeader("seen").value()).isEqualTo("b".getBytes());
    }
  }

  @Test
  void readingBetweenPipesKeepsEveryRecordInOrder() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      TestOutputTopic<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String());
      List<String> read = new ArrayList<>();
      int piped = 0;
      // uneven batches of writes and reads, so unread records move and their storage grows
      for (int batch = 1; batch <= 12; batch++) {
        for (int i = 0; i < batch * 7; i++) {
          in.pipe("k", String.valueOf(piped), piped);
          piped++;
        }
        for (int i = 0; i < batch * 5; i++) {
          TestRecord<String, String> record = out.readRecord();
          assertThat(record.timestamp()).isEqualTo(Long.parseLong(record.value()));
          read.add(record.value());
        }
        assertThat(out.size()).isEqualTo(piped - read.size());
      }
      out.readValuesToList().forEach(read::add);

      assertThat(read).hasSize(piped);
      for (int i = 0; i < piped; i++) {
        assertThat(read.get(i)).isEqualTo(String.valueOf(i));
      }
      assertThat(out.isEmpty()).isTrue();
    }
  }

  @Test
  void headersOfAPipedRecordAreCopiedNotShared() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("a", new byte[] {1});
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
      in.pipe(new TestRecord<>("k", "v", 1L, headers));
      headers.add("b", new byte[] {2});

      TestRecord<String, String> out =
          driver.outputTopic("out", Serdes.String(), Serdes.String()).readRecord();
      assertThat(out.headers().toArray()).hasSize(1);
    }
  }

  @Test
  void aClosedDriverRejectsPipesAndClockAdvances() {
    TopologyTestDriver driver = new TopologyTestDriver(passThrough());
    TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());
    driver.close();
    driver.close();

    assertThatThrownBy(() -> in.pipe("k", "v"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> driver.advanceWallClock(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void theApplicationIdDefaultsToTestAndMustBeAValidName() {
    Topology topology = passThrough();

    assertThatThrownBy(
            () -> new TopologyTestDriver(topology, Map.of(SluiceConfig.APPLICATION_ID, "my app")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("application.id");
  }

  @Test
  void onlyTopologiesFromStreamsBuilderAreAccepted() {
    Topology foreign =
        new Topology() {
          @Override
          public Set<String> sourceTopics() {
            return Set.of();
          }

          @Override
          public Set<String> sinkTopics() {
            return Set.of();
          }

          @Override
          public int subTopologyCount() {
            return 0;
          }

          @Override
          public TopologyDescription describe() {
            return new TopologyDescription("", "");
          }
        };

    assertThatThrownBy(() -> new TopologyTestDriver(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("StreamsBuilder.build()");
  }

  @Test
  void nullArgumentsAreRejectedNamingTheParameter() {
    try (TopologyTestDriver driver = new TopologyTestDriver(passThrough())) {
      TestInputTopic<String, String> in = driver.inputTopic("in", Serdes.String(), Serdes.String());

      assertThatThrownBy(() -> new TopologyTestDriver(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("topology must not be null");
      assertThatThrownBy(() -> driver.inputTopic(null, Serdes.String(), Serdes.String()))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("topic must not be null");
      assertThatThrownBy(() -> driver.outputTopic("out", null, Serdes.String()))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("keySerde must not be null");
      assertThatThrownBy(() -> driver.advanceWallClock(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("advance must not be null");
      assertThatThrownBy(() -> in.pipe((TestRecord<String, String>) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("record must not be null");
      assertThatThrownBy(() -> in.pipeAll(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("pairs must not be null");
    }
  }
}
