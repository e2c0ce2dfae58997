package dev.sluice.streams.internal.engine;

import dev.sluice.state.ChangelogRecord;
import dev.sluice.state.FlushListener;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStores;
import dev.sluice.state.StoreBuilder;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.StoreSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;

/**
 * The state stores of one task, built in one place from the sub-topology's {@link StoreSpec}s:
 * engine (RocksDB under {@code <state.dir>/<taskId>/<store>}, or memory) → change logging to {@code
 * <application.id>-<store>-changelog} through the task's {@link RecordCollector}, at the task's
 * partition → record cache (only when the spec asks for one and the process-wide cache budget is
 * above zero). Global stores are not the task's: {@link #get} hands out their read-only views, and
 * nothing else here touches them.
 *
 * <p>Invariants: stores are opened once ({@link #open}), in upstream-first order, and flushed in
 * that order, so a cache flush that forwards into a downstream store's step reaches that store
 * before it is flushed itself. A store's writes are stamped with the timestamp of the record (or
 * flushed entry) being handled. Failures are wrapped naming the task and the store.
 *
 * <p>Checkpoints are throttled: a store is checkpointed ({@link StateStore#commit}, which records
 * the offset; a RocksDB store makes it durable at its next flush) only once its changelog offset
 * moved {@code state.checkpoint.records} past its last checkpoint; a smaller move is remembered as
 * pending and written by {@link #checkpointPending()}, which suspend and close call, so a clean
 * restart restores nothing. A pending offset was valid when it was acknowledged and stays valid:
 * the store's data only moves forward from it.
 */
final class TaskStores {
  private final TaskScope scope;
  private final List<StoreSpec> specs;
  private final StateStores factory;
  private final Path taskDirectory;
  private final RecordCollector collector;
  private final GlobalStateStores globals;
  private final int partition;
  private final Map<String, StateStore> stores = new LinkedHashMap<>();
  private final Map<String, ListenerSlot> listeners = new HashMap<>();
  private final Map<TopicPartition, String> changelogs = new LinkedHashMap<>();
  private final Set<TopicPartition> sourceChangelogs = new HashSet<>();
  private final Map<String, Long> pendingCheckpoints = new LinkedHashMap<>();

  TaskStores(
      TaskScope scope,
      List<StoreSpec> specs,
      StateStores factory,
      Path stateDirectory,
      RecordCollector collector,
      GlobalStateStores globals) {
    Checks.argument(
        specs.isEmpty() || (factory != null && stateDirectory != null),
        "task %s uses stores %s: create it with a StateStores and a state directory",
        scope.id,
        specs.stream().map(StoreSpec::name).toList());
    this.scope = scope;
    this.specs = specs;
    this.factory = factory;
    this.taskDirectory =
        stateDirectory == null ? null : stateDirectory.resolve(scope.id.toString());
    this.collector = collector;
    this.globals = globals;
    this.partition = scope.id.partition();
    for (StoreSpec spec : specs) {
      if (spec.logged()) {
        changelogs.put(new TopicPartition(changelogTopic(spec), partition), spec.name());
      } else if (spec.sourceTopic() != null) {
        TopicPartition source = new TopicPartition(spec.sourceTopic(), partition);
        changelogs.put(source, spec.name());
        sourceChangelogs.add(source);
      }
    }
  }

  private String changelogTopic(StoreSpec spec) {
    return scope.applicationId + "-" + spec.changelogName();
  }

  /** Builds and opens every store. */
  void open() {
    if (specs.stream().anyMatch(StoreSpec::persistent)) {
      try {
        Files.createDirectories(taskDirectory);
      } catch (IOException e) {
        throw new UncheckedIOException(
            String.format("task %s: cannot create its state directory %s", scope.id, taskDirectory),
            e);
      }
    }
    for (StoreSpec spec : specs) {
      stores.put(spec.name(), build(spec));
    }
  }

  @SuppressWarnings("unchecked")
  private StateStore build(StoreSpec spec) {
    Serde<Object> keySerde = (Serde<Object>) spec.keySerde();
    Serde<Object> valueSerde = (Serde<Object>) spec.valueSerde();
    Duration retention = Duration.ofMillis(spec.retentionMs());
    StoreBuilder<?, ?, Object> builder =
        switch (spec.kind()) {
          case KEY_VALUE -> factory.keyValueStore(spec.name(), keySerde, valueSerde);
          case WINDOW ->
              factory.windowStore(
                  spec.name(),
                  keySerde,
                  valueSerde,
                  Duration.ofMillis(spec.windowSizeMs()),
                  retention);
          case SESSION -> factory.sessionStore(spec.name(), keySerde, valueSerde, retention);
        };
    if (!spec.persistent()) {
      builder.inMemory();
    }
    if (spec.logged()) {
      String topic = changelogTopic(spec);
      builder.withChangelog(
          (store, key, value, timestamp) ->
              collector.sendChangelog(topic, partition, timestamp, key, value));
    }
    if (spec.cached() && factory.cacheBudgetBytes() > 0) {
      ListenerSlot slot = new ListenerSlot();
      listeners.put(spec.name(), slot);
      ((StoreBuilder<?, Object, Object>) builder).withCaching(slot);
    }
    builder.withTimestamps(() -> scope.recordTime);
    return builder.build(taskDirectory);
  }

  boolean isEmpty() {
    return specs.isEmpty();
  }

  boolean restorable() {
    return !changelogs.isEmpty();
  }

  /** A task store, else a global store (read-only), else null. */
  StateStore get(String name) {
    StateStore store = stores.get(name);
    return store != null ? store : globals.view(name);
  }

  List<String> names() {
    return List.copyOf(stores.keySet());
  }

  boolean cached(String name) {
    return listeners.containsKey(name);
  }

  StoreSpec spec(String name) {
    for (StoreSpec spec : specs) {
      if (spec.name().equals(name)) {
        return spec;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  void onCacheFlush(String step, String name, FlushListener<?, ?> listener) {
    ListenerSlot slot = listeners.get(name);
    Checks.invariant(slot != null, "step '%s': store '%s' has no cache to listen to", step, name);
    slot.target = (FlushListener<Object, Object>) listener;
  }

  Map<TopicPartition, String> changelogPartitions() {
    return Collections.unmodifiableMap(changelogs);
  }

  long restoreStartOffset(TopicPartition changelog) {
    OptionalLong applied = store(changelog).appliedOffset();
    return applied.isPresent() ? applied.getAsLong() + 1 : 0;
  }

  void restore(TopicPartition changelog, List<ConsumerRecord<byte[], byte[]>> records) {
    StateStore store = store(changelog);
    List<ChangelogRecord> batch = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      // a source topic serving as changelog may hold null keys, which the table skipped too
      if (record.key() != null) {
        batch.add(
            new ChangelogRecord(record.key(), record.value(), record.timestamp(), record.offset()));
      }
    }
    guard(store, "restore", () -> store.restore(batch));
  }

  void finishRestore() {
    forEach("finish restoring", StateStore::finishRestore);
  }

  void flush() {
    forEach("flush", StateStore::flush);
  }

  /**
   * Records the changelog offsets the stores' data is known to be applied up to: at once for a
   * store whose offset moved at least {@code state.checkpoint.records} since its last checkpoint,
   * otherwise as pending until the next checkpoint or {@link #checkpointPending()}.
   *
   * @param acked the highest acknowledged offset per changelog partition
   * @param consumed for stores restored from their source topic: the next offset to consume there
   */
  void checkpoint(Map<TopicPartition, Long> acked, Map<TopicPartition, Long> consumed) {
    if (specs.isEmpty()) {
      return;
    }
    long interval = factory.checkpointRecords();
    for (Map.Entry<TopicPartition, String> changelog : changelogs.entrySet()) {
      Long offset;
      if (sourceChangelogs.contains(changelog.getKey())) {
        Long next = consumed.get(changelog.getKey());
        offset = next == null || next == 0 ? null : next - 1;
      } else {
        offset = acked.get(changelog.getKey());
      }
      if (offset != null) {
        StateStore store = stores.get(changelog.getValue());
        long moved = offset - store.appliedOffset().orElse(-1);
        if (moved >= interval) {
          commit(store, offset);
        } else if (moved > 0) {
          pendingCheckpoints.put(store.name(), offset);
        }
      }
    }
  }

  /** Checkpoints every store whose last acknowledged offset is not yet recorded. */
  void checkpointPending() {
    for (Map.Entry<String, Long> pending : List.copyOf(pendingCheckpoints.entrySet())) {
      commit(stores.get(pending.getKey()), pending.getValue());
    }
  }

  private void commit(StateStore store, long offset) {
    guard(store, "commit", () -> store.commit(offset));
    pendingCheckpoints.remove(store.name());
  }

  /**
   * Checkpoints what is pending, then closes every store, even if some fail.
   *
   * @return the first failure, or null
   */
  RuntimeException close() {
    RuntimeException first = null;
    try {
      checkpointPending();
    } catch (RuntimeException e) {
      first = e;
    }
    for (StateStore store : stores.values()) {
      try {
        guard(store, "close", store::close);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    return first;
  }

  private StateStore store(TopicPartition changelog) {
    String name = changelogs.get(changelog);
    Checks.argument(
        name != null,
        "task %s has no store restored from %s; its changelog partitions are %s",
        scope.id,
        changelog,
        changelogs.keySet());
    StateStore store = stores.get(name);
    Checks.invariant(store != null, "task %s: store '%s' is not open yet", scope.id, name);
    return store;
  }

  private void forEach(String action, Consumer<StateStore> operation) {
    for (StateStore store : stores.values()) {
      guard(store, action, () -> operation.accept(store));
    }
  }

  private void guard(StateStore store, String action, Runnable operation) {
    try {
      operation.run();
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StreamsException(
          String.format("task %s: store '%s' failed to %s: %s", scope.id, store.name(), action, e),
          e);
    }
  }

  /** Forwards cache flushes to the step that registered for them; ignores them until then. */
  private final class ListenerSlot implements FlushListener<Object, Object> {
    FlushListener<Object, Object> target;

    @Override
    public void onFlush(Object key, Object newValue, Object oldValue, long timestamp) {
      if (target != null) {
        long previous = scope.recordTime;
        scope.recordTime = timestamp;
        try {
          target.onFlush(key, newValue, oldValue, timestamp);
        } finally {
          scope.recordTime = previous;
        }
      }
    }
  }
}
