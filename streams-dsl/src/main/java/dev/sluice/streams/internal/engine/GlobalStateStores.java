package dev.sluice.streams.internal.engine;

import dev.sluice.state.KeyValueStore;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStores;
import dev.sluice.state.StoreBuilder;
import dev.sluice.streams.DeserializationExceptionHandler;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.GlobalStore;
import dev.sluice.streams.processor.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/**
 * The global tables' stores of one application instance (or one test driver): one key-value store
 * per global table under {@code <directory>/<store>}, fed with the records of every partition of
 * its topic, in offset order per partition. The runtime's global updater and the test driver both
 * feed them through {@link #apply}; tasks read them through {@link #view} (read-only).
 *
 * <p>Position: {@link #position} is, per topic partition, the next offset to read. {@link
 * #checkpoint()} writes it to {@code <directory>/.checkpoint} after recording, in each persistent
 * store, the sum of its partitions' positions (through {@link StateStore#commit}, atomically with
 * the data). On {@link #open()} a store resumes from the checkpoint only if the two agree;
 * otherwise (no checkpoint, a crash between the two writes, a wiped or in-memory store) it is
 * emptied and read again from the beginning, since rows deleted by tombstones that compaction has
 * since removed could not be deleted by replay. Replaying records after the checkpoint is
 * idempotent: each puts a key's latest value again.
 *
 * <p>Threading: one thread writes ({@link #apply}, {@link #checkpoint}); any thread may read a
 * view. Every access to a store holds one lock, because stores are single-threaded.
 */
public final class GlobalStateStores implements AutoCloseable {
  private static final String CHECKPOINT = ".checkpoint";

  private final List<GlobalStore> specs;
  private final StateStores factory;
  private final Path directory;
  private final DeserializationExceptionHandler handler;
  private final Object lock = new Object();
  // the record being applied; used under the lock
  private final RawInput input = new RawInput();
  private final Map<String, Table> byTopic = new LinkedHashMap<>();
  private final Map<String, Table> byName = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private long recordTime;
  private long skippedRecords;

  /**
   * Describes the stores; {@link #open()} creates them.
   *
   * @param specs the topology's global stores, with resolved serdes
   * @param factory the process-wide store factory; may be null if there are no specs
   * @param directory where the stores and the checkpoint live; may be null if there are no specs
   * @param handler what to do with records of the topics that cannot be deserialized
   */
  public GlobalStateStores(
      List<GlobalStore> specs,
      StateStores factory,
      Path directory,
      DeserializationExceptionHandler handler) {
    Checks.argument(
        specs.isEmpty() || (factory != null && directory != null),
        "global stores %s need a StateStores and a directory",
        specs.stream().map(GlobalStore::name).toList());
    this.specs = List.copyOf(specs);
    this.factory = factory;
    this.directory = directory;
    this.handler = handler;
  }

  /**
   * No global stores, for topologies without global tables.
   *
   * @return an empty set of global stores
   */
  public static GlobalStateStores none() {
    return new GlobalStateStores(List.of(), null, null, null);
  }

  /**
   * Opens every store and reads the checkpoint: see the class notes for when a store resumes.
   *
   * @throws StreamsException if a store or the checkpoint cannot be opened or read
   */
  public void open() {
    if (specs.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> checkpoint = readCheckpoint();
    synchronized (lock) {
      for (GlobalStore spec : specs) {
        Map<TopicPartition, Long> saved = new HashMap<>();
        checkpoint.forEach(
            (partition, offset) -> {
              if (partition.topic().equals(spec.topic())) {
                saved.put(partition, offset);
              }
            });
        KeyValueStore<Object, Object> store = build(spec);
        long sum = saved.values().stream().mapToLong(Long::longValue).sum();
        boolean resume =
            !saved.isEmpty()
                && store.appliedOffset().isPresent()
                && store.appliedOffset().getAsLong() == sum;
        if (resume) {
          positions.putAll(saved);
        } else if (spec.store().persistent()) {
          store.close();
          deleteRecursively(directory.resolve(spec.name()));
          store = build(spec);
        }
        store.finishRestore();
        Table table = new Table(spec, store, new SourceRuntime(spec.source(), null, handler));
        byTopic.put(spec.topic(), table);
        byName.put(spec.name(), table);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private KeyValueStore<Object, Object> build(GlobalStore spec) {
    StoreBuilder<KeyValueStore<Object, Object>, Object, Object> builder =
        factory.keyValueStore(
            spec.name(),
            (Serde<Object>) spec.store().keySerde(),
            (Serde<Object>) spec.store().valueSerde());
    if (!spec.store().persistent()) {
      builder.inMemory();
    }
    builder.withTimestamps(() -> recordTime);
    try {
      if (spec.store().persistent()) {
        Files.createDirectories(directory);
      }
      return builder.build(directory);
    } catch (IOException | RuntimeException e) {
      throw new StreamsException(
          String.format("global store '%s' cannot be opened in %s: %s", spec.name(), directory, e),
          e);
    }
  }

  /**
   * The topics the stores are fed from.
   *
   * @return topic names
   */
  public Set<String> topics() {
    return byTopic.keySet();
  }

  /**
   * Whether there are no global stores.
   *
   * @return true if the topology has no global table
   */
  public boolean isEmpty() {
    return specs.isEmpty();
  }

  /**
   * Where to go on reading a partition.
   *
   * @param partition a partition of one of {@link #topics()}
   * @return the next offset to read, or null to read from the beginning
   */
  public Long position(TopicPartition partition) {
    synchronized (lock) {
      return positions.get(partition);
    }
  }

  /**
   * Applies records of one partition, in offset order: each puts its key's value, a null value
   * deleting it; records with a null key are skipped, undecodable ones go to the handler.
   *
   * @param partition the partition they were read from
   * @param records the records
   * @throws StreamsException if a record cannot be decoded under the fail handler, or a write fails
   */
  public void apply(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
    Table table = byTopic.get(partition.topic());
    Checks.invariant(table != null, "no global store is fed from topic '%s'", partition.topic());
    synchronized (lock) {
      for (ConsumerRecord<byte[], byte[]> raw : records) {
        input.set(raw);
        Record<Object, Object> record =
            raw.key() == null ? null : table.decoder.decode(input, table.partitionTime);
        if (record == null || record.key() == null) {
          skippedRecords++;
        } else {
          table.partitionTime = Math.max(table.partitionTime, record.timestamp());
          recordTime = record.timestamp();
          try {
            table.store.put(record.key(), record.value());
          } catch (RuntimeException e) {
            throw new StreamsException(
                String.format(
                    "global store '%s' failed to apply the record at %s-%d offset %d: %s",
                    table.spec.name(), raw.topic(), raw.partition(), raw.offset(), e),
                e);
          }
        }
        positions.put(partition, raw.offset() + 1);
      }
    }
  }

  /**
   * Empties the store fed from a topic and forgets its partitions' positions, so that it is read
   * again from the beginning: for a position the topic no longer has (it was re-created, or
   * truncated past it). Views handed out before follow the new store.
   *
   * @param topic one of {@link #topics()}
   */
  public void reset(String topic) {
    Table table = byTopic.get(topic);
    Checks.invariant(table != null, "no global store is fed from topic '%s'", topic);
    synchronized (lock) {
      table.store.close();
      if (table.spec.store().persistent()) {
        deleteRecursively(directory.resolve(table.spec.name()));
      }
      table.store = build(table.spec);
      table.store.finishRestore();
      table.partitionTime = Long.MIN_VALUE;
      positions.keySet().removeIf(partition -> partition.topic().equals(topic));
    }
  }

  /**
   * Records the positions: in each persistent store (with its data), then in the checkpoint file.
   */
  public void checkpoint() {
    if (specs.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> snapshot;
    synchronized (lock) {
      snapshot = new HashMap<>(positions);
      for (Table table : byTopic.values()) {
        long sum = 0;
        boolean any = false;
        for (Map.Entry<TopicPartition, Long> entry : snapshot.entrySet()) {
          if (entry.getKey().topic().equals(table.spec.topic())) {
            sum += entry.getValue();
            any = true;
          }
        }
        if (any && table.spec.store().persistent()) {
          table.store.commit(sum);
        }
      }
    }
    writeCheckpoint(snapshot);
  }

  /**
   * A store as tasks see it: reads only.
   *
   * @param name the store name
   * @return the read-only view, or null if there is no global store of that name
   */
  public StateStore view(String name) {
    Table table = byName.get(name);
    return table == null ? null : table.view;
  }

  /**
   * The store names.
   *
   * @return names, in definition order
   */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /**
   * Records skipped: null keys, and undecodable records under log-and-continue.
   *
   * @return the count
   */
  public long skippedRecords() {
    synchronized (lock) {
      return skippedRecords;
    }
  }

  /** Closes every store; idempotent. Checkpoint first to keep the position. */
  @Override
  public void close() {
    synchronized (lock) {
      RuntimeException first = null;
      for (Table table : byTopic.values()) {
        try {
          table.store.close();
        } catch (RuntimeException e) {
          first = first == null ? e : first;
        }
      }
      byTopic.clear();
      byName.clear();
      if (first != null) {
        throw new StreamsException("closing a global store failed: " + first, first);
      }
    }
  }

  private Map<TopicPartition, Long> readCheckpoint() {
    Path file = directory.resolve(CHECKPOINT);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    if (!Files.exists(file)) {
      return offsets;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.trim().split(" ");
        if (parts.length == 3) {
          offsets.put(
              new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
        }
      }
      return offsets;
    } catch (IOException | NumberFormatException e) {
      // an unreadable checkpoint only costs a full read of the topics
      return new HashMap<>();
    }
  }

  private void writeCheckpoint(Map<TopicPartition, Long> offsets) {
    StringBuilder text = new StringBuilder();
    Map<String, Long> sorted = new TreeMap<>();
    offsets.forEach(
        (partition, offset) -> sorted.put(partition.topic() + " " + partition.partition(), offset));
    sorted.forEach(
        (partition, offset) -> text.append(partition).append(' ').append(offset).append('\n'));
    Path file = directory.resolve(CHECKPOINT);
    Path temporary = directory.resolve(CHECKPOINT + ".tmp");
    try {
      Files.createDirectories(directory);
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          String.format("cannot write the global stores' checkpoint %s", file), e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path path : all) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          String.format("cannot wipe the global store directory %s", root), e);
    }
  }

  /** One global table: its spec, store, read-only view and decoder. */
  private final class Table {
    final GlobalStore spec;
    KeyValueStore<Object, Object> store;
    final StateStore view;
    final SourceRuntime decoder;
    long partitionTime = Long.MIN_VALUE;

    Table(GlobalStore spec, KeyValueStore<Object, Object> store, SourceRuntime decoder) {
      this.spec = spec;
      this.store = store;
      this.view = new GlobalStoreView<>(() -> this.store, spec.name(), spec.topic(), lock);
      this.decoder = decoder;
    }
  }
}
