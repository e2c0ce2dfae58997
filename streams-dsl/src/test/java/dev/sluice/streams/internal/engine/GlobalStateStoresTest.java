package dev.sluice.streams.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.KeyValueStore;
import dev.sluice.state.StateStores;
import dev.sluice.streams.Consumed;
import dev.sluice.streams.DeserializationExceptionHandler;
import dev.sluice.streams.GlobalKTable;
import dev.sluice.streams.Materialized;
import dev.sluice.streams.Produced;
import dev.sluice.streams.StreamsBuilder;
import dev.sluice.streams.internal.compile.CompiledTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instance's global stores: fed from every partition of their topic, read by tasks of any
 * partition, and resumed from their checkpoint only when the store agrees with it.
 */
class GlobalStateStoresTest {
  private static final Consumed<String, String> STRINGS =
      Consumed.with(Serdes.String(), Serdes.String());

  @TempDir Path stateDir;
  private final StateStores factory = StateStores.create(Map.of());
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
    factory.close();
  }

  private static CompiledTopology topology(Materialized<String, String> store) {
    StreamsBuilder builder = new StreamsBuilder();
    GlobalKTable<String, String> customers = builder.globalTable("customers", STRINGS, store);
    builder.stream("orders", STRINGS)
        .join(customers, (id, customer) -> customer, (customer, name) -> customer + "@" + name)
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    return ((CompiledTopology) builder.build()).forApplication("app");
  }

  private GlobalStateStores globals(CompiledTopology topology) {
    GlobalStateStores globals =
        new GlobalStateStores(
            topology.globalStores(),
            factory,
            stateDir.resolve("global"),
            DeserializationExceptionHandler.logAndFail());
    globals.open();
    open.add(globals);
    return globals;
  }

  private static ConsumerRecord<byte[], byte[]> raw(
      String topic, int partition, long offset, String key, String value) {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    byte[] valueBytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    return new ConsumerRecord<>(
        topic,
        partition,
        offset,
        0L,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        keyBytes,
        valueBytes,
        new RecordHeaders(),
        Optional.empty(),
        Optional.empty());
  }

  private static void feed(GlobalStateStores globals, int partition, long offset, String key) {
    globals.apply(
        new TopicPartition("customers", partition),
        List.of(raw("customers", partition, offset, key, "name-" + key)));
  }

  @SuppressWarnings("unchecked")
  private static KeyValueStore<String, String> view(GlobalStateStores globals) {
    return (KeyValueStore<String, String>) globals.view("customers");
  }

  @Test
  void tasksOfEveryPartitionFindRowsOfEveryGlobalPartition() {
    CompiledTopology topology = topology(Materialized.as("customers"));
    GlobalStateStores globals = globals(topology);
    feed(globals, 0, 0, "c0");
    feed(globals, 1, 0, "c1");
    feed(globals, 2, 0, "c2");
    FakeRecordCollector collector = new FakeRecordCollector(2);
    for (int partition = 0; partition < 2; partition++) {
      Task task =
          new Task(
              new TaskId(0, partition),
              topology.subTopologies().get(0),
              "app",
              DeserializationExceptionHandler.logAndFail(),
              collector,
              () -> 0L,
              factory,
              stateDir,
              globals);
      open.add(task::close);
      task.initialize();
      TopicPartition orders = new TopicPartition("orders", partition);
      for (int customer = 0; customer < 3; customer++) {
        task.addRecord(orders, raw("orders", partition, customer, "o" + customer, "c" + customer));
      }
      while (task.process()) {
        // run to completion
      }
    }

    assertThat(collector.values())
        .containsExactly(
            "c0@name-c0", "c1@name-c1", "c2@name-c2", "c0@name-c0", "c1@name-c1", "c2@name-c2");
  }

  @Test
  void aPersistentStoreResumesFromAMatchingCheckpoint() {
    CompiledTopology topology = topology(Materialized.as("customers"));
    GlobalStateStores first = globals(topology);
    feed(first, 0, 0, "c0");
    feed(first, 1, 4, "c1");
    first.checkpoint();
    feed(first, 1, 5, "c5"); // applied after the checkpoint: read again on resume
    first.close();

    GlobalStateStores second = globals(topology);

    assertThat(second.position(new TopicPartition("customers", 0))).isEqualTo(1);
    assertThat(second.position(new TopicPartition("customers", 1))).isEqualTo(5);
    assertThat(view(second).get("c1")).isEqualTo("name-c1");
  }

  @Test
  void aStoreThatDisagreesWithTheCheckpointIsEmptiedAndReadAgainFromTheBeginning()
      throws Exception {
    CompiledTopology topology = topology(Materialized.as("customers"));
    GlobalStateStores first = globals(topology);
    feed(first, 0, 0, "c0");
    first.checkpoint();
    first.close();
    // as if the process died between the store's commit and the checkpoint file's write
    Files.writeString(stateDir.resolve("global").resolve(".checkpoint"), "customers 0 7\n");

    GlobalStateStores second = globals(topology);

    assertThat(second.position(new TopicPartition("customers", 0))).isNull();
    assertThat(view(second).get("c0")).as("stale rows are not kept").isNull();
  }

  @Test
  void aResetEmptiesTheStoreForgetsItsPositionsAndViewsFollowTheNewStore() {
    CompiledTopology topology = topology(Materialized.as("customers"));
    GlobalStateStores globals = globals(topology);
    KeyValueStore<String, String> view = view(globals);
    feed(globals, 0, 0, "c0");
    feed(globals, 1, 0, "c1");

    globals.reset("customers");

    assertThat(view.get("c0")).isNull();
    assertThat(globals.position(new TopicPartition("customers", 0))).isNull();
    assertThat(globals.position(new TopicPartition("customers", 1))).isNull();
    feed(globals, 0, 0, "c9");
    assertThat(view.get("c9")).isEqualTo("name-c9");
    globals.checkpoint();
    globals.close();
    assertThat(view(globals(topology)).get("c9"))
        .as("the new store is the one kept")
        .isEqualTo("name-c9");
  }

  @Test
  void anInMemoryStoreIsAlwaysReadFromTheBeginning() {
    CompiledTopology topology = topology(Materialized.<String, String>as("customers").inMemory());
    GlobalStateStores first = globals(topology);
    feed(first, 0, 0, "c0");
    first.checkpoint();
    first.close();

    GlobalStateStores second = globals(topology);

    assertThat(second.position(new TopicPartition("customers", 0))).isNull();
    assertThat(view(second).get("c0")).isNull();
  }

  @Test
  void recordsWithANullKeyAreSkippedButMoveThePosition() {
    GlobalStateStores globals = globals(topology(Materialized.as("customers")));
    TopicPartition partition = new TopicPartition("customers", 0);
    globals.apply(partition, List.of(raw("customers", 0, 3, null, "orphan")));

    assertThat(globals.skippedRecords()).isEqualTo(1);
    assertThat(globals.position(partition)).isEqualTo(4);
  }
}
