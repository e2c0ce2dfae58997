package dev.sluice.streams.internal.runtime;

import dev.sluice.state.StateStores;
import dev.sluice.streams.SluiceConfig;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.engine.GlobalStateStores;
import dev.sluice.streams.internal.engine.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One processing thread: its own consumer (a member of the application's group) and producer, and
 * the tasks the group assigned to it.
 *
 * <p>Loop: poll → queue records into their tasks → process every queued record → fire wall-clock
 * punctuations → start a commit when the commit interval has passed → commit the input offsets of
 * earlier commit points whose output is acknowledged. A commit point (at-least-once) flushes the
 * task caches (changelog and downstream records) and notes the input offsets with the batch of
 * sends made so far; those offsets are committed only once every record of that batch and of all
 * earlier ones is acknowledged, so a crash at any point replays input, never loses it. The thread
 * keeps processing meanwhile instead of blocking on a producer flush at every commit; it flushes
 * and commits synchronously when idle, when tasks are revoked and when it stops.
 *
 * <p>Rebalances are cooperative: revoked tasks are committed and closed inside the callback; other
 * tasks keep running. Lost partitions (the member was fenced) are closed without commit. Any
 * exception ends the thread and is reported to the owner, which applies its policy.
 */
final class StreamThread extends Thread {
  private static final System.Logger LOG = System.getLogger(StreamThread.class.getName());

  /** What the owning application hears from its threads. */
  interface Listener {
    /** The thread's tasks are moving (a rebalance callback ran). */
    void onRebalancing(StreamThread thread);

    /** The thread has its tasks and they are all restored: it processes. */
    void onAssigned(StreamThread thread);

    void onFailure(StreamThread thread, Throwable error);
  }

  private final CompiledTopology topology;
  private final Consumer<byte[], byte[]> consumer;
  private final Consumer<byte[], byte[]> restoreConsumer;
  private final Producer<byte[], byte[]> producer;
  private final ChangelogRestorer restorer;
  private final KafkaRecordCollector collector;
  private final ActiveTasks tasks;
  private final PendingCommits pendingCommits = new PendingCommits();
  private final long commitIntervalMs;
  private final Listener listener;
  private volatile boolean running = true;
  private volatile Set<String> taskIds = Set.of();
  private boolean assignmentPending;
  private long lastCommitMs;

  StreamThread(
      String name,
      CompiledTopology topology,
      SluiceConfig config,
      Clients clients,
      StateStores stateStores,
      Path stateDirectory,
      GlobalStateStores globalStores,
      Listener listener) {
    super(name);
    this.topology = topology;
    this.consumer = clients.consumer();
    this.restoreConsumer = clients.restoreConsumer();
    this.producer = clients.producer();
    this.collector = new KafkaRecordCollector(producer);
    this.tasks =
        new ActiveTasks(topology, config, collector, stateStores, stateDirectory, globalStores);
    this.restorer = new ChangelogRestorer(restoreConsumer, consumer, topology.sourceTopics());
    this.commitIntervalMs = config.commitIntervalMs();
    this.listener = listener;
  }

  /**
   * The Kafka clients of one thread.
   *
   * @param consumer the group member that reads input
   * @param restoreConsumer reads changelogs, outside the group
   * @param producer writes output and changelogs
   */
  record Clients(
      Consumer<byte[], byte[]> consumer,
      Consumer<byte[], byte[]> restoreConsumer,
      Producer<byte[], byte[]> producer) {}

  /**
   * Changelog records this thread applied to restore stores.
   *
   * @return the count
   */
  long restoredRecords() {
    return restorer.restoredRecords();
  }

  @Override
  public void run() {
    boolean failed = false;
    try {
      subscribe();
      lastCommitMs = System.currentTimeMillis();
      while (running) {
        runOnce();
      }
    } catch (WakeupException e) {
      failed = running;
      if (failed) {
        listener.onFailure(this, e);
      }
    } catch (Throwable e) {
      failed = true;
      listener.onFailure(this, e);
    } finally {
      if (!failed) {
        finalCommit();
      }
      shutdownClients(!failed);
    }
  }

  // On shutdown the group may be rebalancing; then the offsets cannot be committed and the
  // input since the last commit is processed again by the next owner (at-least-once).
  private void finalCommit() {
    try {
      try {
        commit(tasks.all());
      } catch (WakeupException e) {
        // shutdown() woke the consumer outside poll(); the flag is cleared now, so retry once
        commit(tasks.all());
      }
    } catch (RebalanceInProgressException | CommitFailedException | WakeupException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0}: final commit skipped ({1}); uncommitted input will be processed again",
          getName(),
          e.toString());
    }
  }

  /** Asks the thread to commit, close its tasks and stop. */
  void shutdown() {
    running = false;
    consumer.wakeup();
  }

  /**
   * The tasks this thread runs, as last published by the thread.
   *
   * @return task ids like {@code 0_3}
   */
  Set<String> taskIds() {
    return taskIds;
  }

  private void publishTaskIds() {
    Set<String> ids = new TreeSet<>();
    tasks.all().forEach(task -> ids.add(task.id().toString()));
    taskIds = Collections.unmodifiableSet(ids);
  }

  private void subscribe() {
    Rebalances rebalances = new Rebalances();
    boolean patterns =
        topology.subTopologies().stream()
            .flatMap(s -> s.sources().stream())
            .anyMatch(s -> s.pattern() != null);
    if (patterns) {
      consumer.subscribe(subscriptionPattern(), rebalances);
    } else {
      consumer.subscribe(topology.sourceTopics(), rebalances);
    }
  }

  private Pattern subscriptionPattern() {
    String named =
        topology.sourceTopics().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    String patterns =
        topology.subTopologies().stream()
            .flatMap(s -> s.sources().stream())
            .filter(s -> s.pattern() != null)
            .map(s -> "(?:" + s.pattern().pattern() + ")")
            .collect(Collectors.joining("|"));
    return Pattern.compile(named.isEmpty() ? patterns : named + "|" + patterns);
  }

  private void runOnce() {
    restorer.restoreSome();
    if (assignmentPending && !restorer.isRestoring()) {
      assignmentPending = false;
      listener.onAssigned(this);
    }
    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(pollMillis()));
    for (TopicPartition partition : records.partitions()) {
      Task task = tasks.taskFor(partition);
      if (task != null) {
        task.addRecords(partition, records.records(partition));
      }
    }
    for (Task task : tasks.all()) {
      while (task.process()) {
        // drain what was polled; the poll size bounds the work per loop
      }
      task.punctuateWallClock();
    }
    long now = System.currentTimeMillis();
    if (now - lastCommitMs >= commitIntervalMs) {
      startCommit();
      lastCommitMs = now;
    }
    if (!pendingCommits.isEmpty() && records.isEmpty()) {
      collector.flush(); // idle: nothing to overlap the wait with
    }
    try {
      commitAcknowledged();
    } catch (RebalanceInProgressException e) {
      // A member is joining: the next poll completes the rebalance, revoked tasks are
      // committed in onPartitionsRevoked, and the others at a later commit. Nothing is lost.
    }
  }

  // A commit point: flush the caches, note the offsets with the sends that must be acknowledged
  // before they are committed, and checkpoint the stores at the changelog offsets acknowledged so
  // far (a store holds the data of every changelog record it sent, so any acknowledged offset is a
  // valid checkpoint; with the caches just flushed the checkpoint writes nothing else).
  private void startCommit() {
    Collection<Task> committing = tasks.all();
    if (committing.isEmpty()) {
      return;
    }
    committing.forEach(Task::flush);
    pendingCommits.add(collector.mark(), ActiveTasks.offsets(committing));
    Map<TopicPartition, Long> acked = collector.ackedOffsets();
    committing.forEach(task -> task.checkpoint(acked));
  }

  private void commitAcknowledged() {
    if (pendingCommits.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = pendingCommits.takeAcknowledged();
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
    }
  }

  // While tasks restore, poll the input briefly so restoration keeps its pace.
  private long pollMillis() {
    return restorer.isRestoring() ? 0 : 100;
  }

  // Synchronously, at-least-once: flush caches into stores and changelogs, wait for every write to
  // be acknowledged, commit the input (with every pending commit point, now acknowledged too), then
  // record the changelog offsets in the stores.
  private void commit(Collection<Task> committing) {
    if (committing.isEmpty()) {
      return;
    }
    committing.forEach(Task::flush);
    collector.flush();
    Map<TopicPartition, OffsetAndMetadata> offsets = pendingCommits.takeAll();
    offsets.putAll(ActiveTasks.offsets(committing));
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
    }
    Map<TopicPartition, Long> acked = collector.ackedOffsets();
    committing.forEach(task -> task.checkpoint(acked));
  }

  private void shutdownClients(boolean clean) {
    try {
      tasks.close(List.copyOf(tasks.all()));
    } finally {
      try {
        consumer.close();
        restoreConsumer.close();
      } finally {
        producer.close(clean ? Duration.ofSeconds(30) : Duration.ZERO);
      }
    }
  }

  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      List<Task> revoked = tasks.tasksOf(partitions);
      commit(revoked);
      revoked.forEach(restorer::remove);
      tasks.close(revoked);
      publishTaskIds();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      pendingCommits.forget(partitions);
      List<Task> lost = tasks.tasksOf(partitions);
      lost.forEach(restorer::remove);
      tasks.close(lost);
      publishTaskIds();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (Task task : tasks.assign(partitions)) {
        restorer.add(task, tasks.inputsOf(task));
      }
      publishTaskIds();
      assignmentPending = true;
      listener.onRebalancing(StreamThread.this);
    }
  }
}
