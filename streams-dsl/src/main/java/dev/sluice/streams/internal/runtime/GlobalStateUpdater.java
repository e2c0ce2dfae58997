package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.engine.GlobalStateStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Keeps one instance's global stores up to date: its own thread and consumer, outside the consumer
 * group ({@code assign} of every partition of the global tables' topics, then {@code seek}).
 *
 * <p>Lifecycle: {@link #bootstrap()} runs on the starting thread before any stream thread exists,
 * and reads every partition from the stores' checkpointed position (or the beginning) up to the end
 * offset it had when bootstrap began; so tasks never run against a partly loaded table, and the
 * instance reports RUNNING only afterwards. Then {@link #start()} runs the thread: poll, apply,
 * checkpoint every commit interval. {@link #shutdown()} wakes it; it checkpoints and closes its
 * consumer, and the owner closes the stores once the stream threads, which read them, have stopped.
 *
 * <p>A position the topic no longer has (the topic was re-created, or truncated past it) empties
 * that topic's store and reads it again from the beginning, as Kafka Streams does: the store could
 * otherwise keep rows the topic has lost, or never see the new ones.
 *
 * <p>Failure: any other exception ends the thread and goes to the listener; the instance cannot go
 * on with a table that no longer follows its topic.
 */
final class GlobalStateUpdater extends Thread {
  private static final System.Logger LOG = System.getLogger(GlobalStateUpdater.class.getName());
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

  /** What the owner hears from the updater. */
  interface Listener {
    void onFailure(GlobalStateUpdater updater, Throwable error);
  }

  private final Consumer<byte[], byte[]> consumer;
  private final GlobalStateStores stores;
  private final long commitIntervalMs;
  private final Listener listener;
  private volatile boolean running = true;
  private volatile long bootstrappedRecords;

  GlobalStateUpdater(
      String name,
      Consumer<byte[], byte[]> consumer,
      GlobalStateStores stores,
      long commitIntervalMs,
      Listener listener) {
    super(name);
    this.consumer = consumer;
    this.stores = stores;
    this.commitIntervalMs = commitIntervalMs;
    this.listener = listener;
  }

  /**
   * Loads every global store up to the end offsets of its topic's partitions as of now, then
   * checkpoints. On failure the consumer is closed.
   *
   * @throws StreamsException if a topic is missing or a record cannot be applied
   */
  void bootstrap() {
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : stores.topics()) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
          throw new StreamsException(
              String.format(
                  "global table topic '%s' does not exist: create it before starting", topic),
              null);
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      for (TopicPartition partition : partitions) {
        Long position = stores.position(partition);
        if (position == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, position);
        }
      }
      Map<TopicPartition, Long> ends =
          new HashMap<>(consumer.endOffsets(partitions, METADATA_TIMEOUT));
      Map<TopicPartition, Long> beginnings =
          consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
      Map<TopicPartition, Long> outOfRange = new HashMap<>();
      for (TopicPartition partition : partitions) {
        Long position = stores.position(partition);
        if (position != null
            && (position > ends.get(partition) || position < beginnings.get(partition))) {
          outOfRange.put(partition, position);
        }
      }
      if (!outOfRange.isEmpty()) {
        // a position past the end would otherwise look like a partition already read
        readFromTheBeginning(new OffsetOutOfRangeException("checkpointed positions", outOfRange));
      }
      long applied = 0;
      while (running) {
        ends.keySet().removeIf(p -> consumer.position(p, METADATA_TIMEOUT) >= ends.get(p));
        if (ends.isEmpty()) {
          break;
        }
        try {
          applied += pollAndApply();
        } catch (InvalidOffsetException e) {
          // the reset partitions' topics are read again, up to their current end offsets
          ends.putAll(consumer.endOffsets(readFromTheBeginning(e), METADATA_TIMEOUT));
        }
        bootstrappedRecords = applied;
      }
      stores.checkpoint();
      LOG.log(
          System.Logger.Level.INFO,
          "{0}: global stores {1} loaded ({2} records read)",
          getName(),
          stores.names(),
          applied);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /**
   * Records read while bootstrapping.
   *
   * @return the count
   */
  long bootstrappedRecords() {
    return bootstrappedRecords;
  }

  @Override
  public void run() {
    boolean failed = false;
    try {
      long lastCheckpoint = System.currentTimeMillis();
      while (running) {
        try {
          pollAndApply();
        } catch (InvalidOffsetException e) {
          readFromTheBeginning(e);
        }
        long now = System.currentTimeMillis();
        if (now - lastCheckpoint >= commitIntervalMs) {
          stores.checkpoint();
          lastCheckpoint = now;
        }
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
      try {
        if (!failed) {
          stores.checkpoint();
        }
      } finally {
        consumer.close();
      }
    }
  }

  private int pollAndApply() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
    for (TopicPartition partition : records.partitions()) {
      stores.apply(partition, records.records(partition));
    }
    return records.count();
  }

  /**
   * Empties the stores of the topics whose position is out of range and seeks every partition of
   * those topics to the beginning.
   *
   * @return the partitions to read again
   */
  private List<TopicPartition> readFromTheBeginning(InvalidOffsetException e) {
    Set<String> topics = new TreeSet<>();
    e.partitions().forEach(partition -> topics.add(partition.topic()));
    LOG.log(
        System.Logger.Level.WARNING,
        "{0}: positions {1} are out of range (topic re-created or truncated?): reading global"
            + " topics {2} again from the beginning",
        getName(),
        e.partitions(),
        topics);
    topics.forEach(stores::reset);
    List<TopicPartition> again = new ArrayList<>();
    for (TopicPartition partition : consumer.assignment()) {
      if (topics.contains(partition.topic())) {
        again.add(partition);
      }
    }
    consumer.seekToBeginning(again);
    return again;
  }

  /** Asks the thread to checkpoint and stop. */
  void shutdown() {
    running = false;
    consumer.wakeup();
  }
}
