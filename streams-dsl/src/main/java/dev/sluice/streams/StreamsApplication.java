package dev.sluice.streams;

import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.compile.CompiledTopology;
import dev.sluice.streams.internal.runtime.ApplicationRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Topology} against Kafka inside this JVM: the entry point an application embeds.
 * Every instance started with the same {@code application.id} joins one consumer group; the
 * instances split the tasks between them and move them as instances come and go.
 *
 * <pre>{@code
 * StreamsApplication app = new StreamsApplication(topology, Map.of(
 *     "application.id", "orders", "bootstrap.servers", "localhost:9092"));
 * app.start();
 * ...
 * app.close(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Configuration: {@code application.id} and {@code bootstrap.servers} are required; {@code
 * num.stream.threads} (default 1), {@code commit.interval.ms} (default 30000), {@code state.dir}
 * (default {@code <java.io.tmpdir>/sluice}), {@code processing.guarantee} ({@code at_least_once},
 * the only one supported so far) and any kafka-clients consumer, producer or admin setting,
 * optionally prefixed with {@code consumer.}, {@code producer.} or {@code admin.}.
 *
 * <p>Thread-safe: start, close and the accessors may be called from any thread.
 */
public final class StreamsApplication implements AutoCloseable {

  /** Where the application is in its life. */
  public enum State {
    /** Built, not started. */
    CREATED,
    /** Started; threads are joining the group, tasks are moving or their state is restoring. */
    REBALANCING,
    /** Every thread has its tasks, restored, and processes. */
    RUNNING,
    /** Closing: threads commit and stop. */
    PENDING_SHUTDOWN,
    /** Closed cleanly. */
    NOT_RUNNING,
    /** Stopped because a thread failed and the policy said shut down. */
    ERROR
  }

  /** Hears every state change. */
  @FunctionalInterface
  public interface StateListener {
    /**
     * Called after a state change, on the thread that caused it.
     *
     * @param newState the state entered
     * @param oldState the state left
     */
    void onChange(State newState, State oldState);
  }

  private final ApplicationRuntime runtime;

  /**
   * Creates the application; nothing connects until {@link #start()}.
   *
   * @param topology the topology, from {@link StreamsBuilder#build()}
   * @param config the settings
   */
  public StreamsApplication(Topology topology, Map<String, ?> config) {
    Checks.notNull(topology, "topology");
    Checks.notNull(config, "config");
    Checks.argument(
        topology instanceof CompiledTopology, "topology must come from StreamsBuilder.build()");
    this.runtime = new ApplicationRuntime((CompiledTopology) topology, SluiceConfig.of(config));
  }

  /**
   * Sets the listener of state changes; call before {@link #start()}.
   *
   * @param listener the listener
   */
  public void setStateListener(StateListener listener) {
    runtime.setStateListener(Checks.notNull(listener, "listener"));
  }

  /**
   * Sets the policy for thread failures (default: shut down the application); call before {@link
   * #start()}.
   *
   * @param handler the policy
   */
  public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
    runtime.setUncaughtExceptionHandler(Checks.notNull(handler, "handler"));
  }

  /**
   * Locks the state directory, checks the topics, loads the global tables' stores (if any) from
   * every partition of their topics up to their end offsets, and starts the stream threads. With
   * global tables it returns only once they are loaded, and the state stays {@code REBALANCING}
   * until then.
   *
   * @throws StreamsException if the state directory is used by another instance, a required topic
   *     is wrong, or a global table cannot be loaded (the state is then {@code ERROR}; close the
   *     application)
   * @throws IllegalStateException if already started
   */
  public void start() {
    runtime.start();
  }

  /**
   * The current state.
   *
   * @return the state
   */
  public State state() {
    return runtime.state();
  }

  /**
   * The tasks this instance runs now: one per sub-topology and input partition, as {@code
   * <subTopology>_<partition>}. Instances of one application split the tasks between them.
   *
   * @return the task ids, sorted
   */
  public Set<String> localTasks() {
    return runtime.localTasks();
  }

  /**
   * How many changelog records this instance applied to rebuild state since it started: 0 after a
   * clean restart on the same state directory, only the tail after a crash, everything for a task
   * that moved here from another instance.
   *
   * @return the count
   */
  public long restoredRecords() {
    return runtime.restoredRecords();
  }

  /**
   * Stops every thread after a final commit, waiting at most the timeout.
   *
   * @param timeout how long to wait
   * @return true if every thread stopped in time
   */
  public boolean close(Duration timeout) {
    return runtime.close(Checks.notNull(timeout, "timeout"));
  }

  /** Stops every thread after a final commit, waiting as long as it takes. */
  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }
}
