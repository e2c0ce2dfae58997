package dev.sluice.streams.internal.runtime;

import dev.sluice.state.StateStores;
import dev.sluice.streams.SluiceConfig;
import dev.sluice.streams.StreamsApplication.State;
import dev.sluice.streams.StreamsApplication.StateListener;
import dev.sluice.streams.StreamsUncaughtExceptionHandler;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.engine.GlobalStateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The machinery behind {@link dev.sluice.streams.StreamsApplication}: the state machine, the stream
 * threads and the failure policy.
 *
 * <p>State: CREATED → REBALANCING on start and whenever a thread's tasks move; → RUNNING once every
 * live thread has its assignment and has restored its tasks' state (threads start only once the
 * global stores, if any, are loaded: {@link #start()} loads them first); → PENDING_SHUTDOWN →
 * NOT_RUNNING on close; → ERROR when a thread fails and the policy is to shut down. Transitions are
 * synchronized on this object; listeners run on the thread that caused the change.
 */
public final class ApplicationRuntime {
  private static final System.Logger LOG = System.getLogger(ApplicationRuntime.class.getName());

  private final CompiledTopology topology;
  private final SluiceConfig config;
  private final String processId = UUID.randomUUID().toString();
  private final List<StreamThread> threads = new ArrayList<>();
  private final Set<StreamThread> assigned = new HashSet<>();
  private StateListener stateListener = (newState, oldState) -> {};
  private StreamsUncaughtExceptionHandler handler =
      error -> StreamsUncaughtExceptionHandler.Response.SHUTDOWN_APPLICATION;
  private State state = State.CREATED;
  private StateDirectory stateDirectory;
  private StateStores stateStores;
  private GlobalStateStores globalStores = GlobalStateStores.none();
  private GlobalStateUpdater globalUpdater;
  private long restoredByDeadThreads;
  private int threadCounter;

  /**
   * Creates the runtime.
   *
   * @param topology the topology
   * @param config the settings
   */
  public ApplicationRuntime(CompiledTopology topology, SluiceConfig config) {
    this.topology = topology.forApplication(config.applicationId());
    this.config = config;
    Object guarantee = config.values().getOrDefault("processing.guarantee", "at_least_once");
    if (!"at_least_once".equals(guarantee)) {
      throw new IllegalArgumentException(
          String.format(
              "processing.guarantee '%s' is not supported yet: use at_least_once", guarantee));
    }
    if (config.values().get("bootstrap.servers") == null) {
      throw new IllegalArgumentException(
          "config 'bootstrap.servers' is required: list the Kafka brokers");
    }
  }

  public synchronized void setStateListener(StateListener listener) {
    this.stateListener = listener;
  }

  public synchronized void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
    this.handler = handler;
  }

  public synchronized State state() {
    return state;
  }

  /**
   * Changelog records applied to restore stores since start, by all threads, including the records
   * read to load the global stores.
   *
   * @return the count
   */
  public synchronized long restoredRecords() {
    long total = restoredByDeadThreads;
    if (globalUpdater != null) {
      total += globalUpdater.bootstrappedRecords();
    }
    for (StreamThread thread : threads) {
      total += thread.restoredRecords();
    }
    return total;
  }

  /**
   * The tasks this instance's threads run now.
   *
   * @return task ids like {@code 0_3}, sorted
   */
  public synchronized Set<String> localTasks() {
    Set<String> ids = new TreeSet<>();
    threads.forEach(thread -> ids.addAll(thread.taskIds()));
    return Collections.unmodifiableSet(ids);
  }

  /**
   * Locks the state directory, loads the global stores (returning only once they are loaded) and
   * starts the threads.
   */
  public synchronized void start() {
    if (state != State.CREATED) {
      throw new IllegalStateException(
          "the application was already started; create a new one to start again");
    }
    try (Admin admin =
        Admin.create(ClientConfigs.admin(config, config.applicationId() + "-admin"))) {
      SourceTopics.check(topology, admin);
      InternalTopics.ensure(topology, admin);
    }
    stateDirectory = StateDirectory.lock(stateDir(), config.applicationId());
    stateStores = StateStores.create(config.values());
    transition(State.REBALANCING);
    if (!topology.globalStores().isEmpty()) {
      startGlobalUpdater();
    }
    int count =
        Integer.parseInt(String.valueOf(config.values().getOrDefault("num.stream.threads", 1)));
    if (count < 1) {
      throw new IllegalArgumentException(
          "config 'num.stream.threads' was " + count + ": use 1 or more");
    }
    for (int i = 0; i < count; i++) {
      startThread();
    }
  }

  /**
   * Stops the threads after a final commit.
   *
   * @param timeout how long to wait for them
   * @return true if all stopped in time
   */
  public boolean close(Duration timeout) {
    List<StreamThread> stopping;
    synchronized (this) {
      if (state == State.CREATED || state == State.NOT_RUNNING) {
        transition(State.NOT_RUNNING);
        return true;
      }
      if (state != State.ERROR) {
        transition(State.PENDING_SHUTDOWN);
      }
      stopping = List.copyOf(threads);
    }
    stopping.forEach(StreamThread::shutdown);
    // Duration.toNanos() overflows past ~292 years: cap "forever" at a century.
    Duration bounded =
        timeout.compareTo(Duration.ofDays(36_500)) > 0 ? Duration.ofDays(36_500) : timeout;
    long deadline = System.nanoTime() + bounded.toNanos();
    boolean stopped = true;
    for (StreamThread thread : stopping) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        thread.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped &= !thread.isAlive();
    }
    if (stopped && globalUpdater != null) {
      // after the stream threads: their tasks read the global stores until they close
      globalUpdater.shutdown();
      try {
        globalUpdater.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped = !globalUpdater.isAlive();
    }
    synchronized (this) {
      if (stopped) {
        globalStores.close();
        stateStores.close();
        stateDirectory.close();
      }
      if (state != State.ERROR) {
        transition(State.NOT_RUNNING);
      }
    }
    return stopped;
  }

  private void startGlobalUpdater() {
    String clientId = config.applicationId() + "-" + processId.substring(0, 8) + "-global";
    globalStores =
        new GlobalStateStores(
            topology.globalStores(),
            stateStores,
            stateDirectory.root().resolve("global"),
            config.deserializationExceptionHandler());
    try {
      globalStores.open();
      globalUpdater =
          new GlobalStateUpdater(
              clientId,
              new KafkaConsumer<>(ClientConfigs.restoreConsumer(config, clientId + "-consumer")),
              globalStores,
              config.commitIntervalMs(),
              (updater, error) -> onGlobalFailure(error));
      globalUpdater.bootstrap();
    } catch (RuntimeException e) {
      // close() releases the state directory and the store factory
      globalUpdater = null;
      globalStores.close();
      transition(State.ERROR);
      throw e;
    }
    globalUpdater.start();
  }

  private void onGlobalFailure(Throwable error) {
    LOG.log(System.Logger.Level.ERROR, "the global store updater failed", error);
    synchronized (this) {
      if (state == State.PENDING_SHUTDOWN || state == State.NOT_RUNNING || state == State.ERROR) {
        return;
      }
      // no thread can replace it: tasks would read a table that stopped following its topic
      transition(State.ERROR);
      List<StreamThread> others = List.copyOf(threads);
      new Thread(() -> others.forEach(StreamThread::shutdown), "sluice-shutdown").start();
    }
  }

  private Path stateDir() {
    Object dir = config.values().get("state.dir");
    return dir != null
        ? Path.of(String.valueOf(dir))
        : Path.of(System.getProperty("java.io.tmpdir"), "sluice");
  }

  private void startThread() {
    String clientId =
        config.applicationId() + "-" + processId.substring(0, 8) + "-thread-" + (++threadCounter);
    Map<String, Object> assignorConfigs = new HashMap<>();
    assignorConfigs.put(TaskAssignor.TOPOLOGY_CONFIG, topology);
    assignorConfigs.put(TaskAssignor.PROCESS_ID_CONFIG, processId);
    StreamThread thread =
        new StreamThread(
            clientId,
            topology,
            config,
            new StreamThread.Clients(
                new KafkaConsumer<>(
                    ClientConfigs.consumer(config, clientId + "-consumer", assignorConfigs)),
                new KafkaConsumer<>(
                    ClientConfigs.restoreConsumer(config, clientId + "-restore-consumer")),
                new KafkaProducer<>(ClientConfigs.producer(config, clientId + "-producer"))),
            stateStores,
            stateDirectory.root(),
            globalStores,
            new ThreadEvents());
    threads.add(thread);
    thread.start();
  }

  private void transition(State next) {
    State previous = state;
    if (previous == next) {
      return;
    }
    state = next;
    try {
      stateListener.onChange(next, previous);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "state listener failed", e);
    }
  }

  private final class ThreadEvents implements StreamThread.Listener {
    @Override
    public void onRebalancing(StreamThread thread) {
      synchronized (ApplicationRuntime.this) {
        assigned.remove(thread);
        if (state == State.RUNNING) {
          transition(State.REBALANCING);
        }
      }
    }

    @Override
    public void onAssigned(StreamThread thread) {
      synchronized (ApplicationRuntime.this) {
        assigned.add(thread);
        if (state == State.REBALANCING && assigned.containsAll(threads)) {
          transition(State.RUNNING);
        }
      }
    }

    @Override
    public void onFailure(StreamThread thread, Throwable error) {
      LOG.log(System.Logger.Level.ERROR, "stream thread " + thread.getName() + " failed", error);
      StreamsUncaughtExceptionHandler.Response response;
      try {
        response = handler.handle(error);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.ERROR, "the uncaught-exception handler failed; shutting down", e);
        response = StreamsUncaughtExceptionHandler.Response.SHUTDOWN_APPLICATION;
      }
      synchronized (ApplicationRuntime.this) {
        threads.remove(thread);
        assigned.remove(thread);
        restoredByDeadThreads += thread.restoredRecords();
        if (state == State.PENDING_SHUTDOWN || state == State.NOT_RUNNING || state == State.ERROR) {
          return;
        }
        if (response == StreamsUncaughtExceptionHandler.Response.REPLACE_THREAD) {
          transition(State.REBALANCING);
          startThread();
          return;
        }
        transition(State.ERROR);
        List<StreamThread> others = List.copyOf(threads);
        new Thread(() -> others.forEach(StreamThread::shutdown), "sluice-shutdown").start();
      }
    }
  }
}
