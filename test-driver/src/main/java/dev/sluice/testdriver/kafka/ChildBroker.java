package dev.sluice.testdriver.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One broker+controller node in a child JVM running {@link BrokerMain}; owns the process, not the
 * data directory (which outlives a kill so the node can restart on it).
 *
 * <p>Thread-safety: every method synchronizes on this node, so a kill and a restart never race on
 * the process handle. The child's output goes to {@code broker.log} in its directory, not to a
 * pipe: an unread pipe would fill up and block the broker.
 */
final class ChildBroker {

  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

  private final int nodeId;
  private final int brokerPort;
  private final Path propsFile;
  private final Path logFile;
  private final String clusterId;
  private Process process;
  private boolean killed;

  ChildBroker(int nodeId, int brokerPort, Path propsFile, String clusterId) {
    this.nodeId = nodeId;
    this.brokerPort = brokerPort;
    this.propsFile = propsFile;
    this.logFile = propsFile.resolveSibling("broker.log");
    this.clusterId = clusterId;
  }

  int nodeId() {
    return nodeId;
  }

  int brokerPort() {
    return brokerPort;
  }

  /** Launches the child JVM; returns at once, the node answers a few seconds later. */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(
          String.format("node %s is already running (pid %s)", nodeId, process.pid()));
    }
    // Under surefire/failsafe java.class.path is the full test classpath (the manifest-only
    // booter jar is in surefire.real.class.path), so the child sees the same Kafka and SLF4J jars.
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            BrokerMain.class.getName(),
            propsFile.toString(),
            clusterId,
            Long.toString(ProcessHandle.current().pid()));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot launch a broker JVM for node " + nodeId, e);
    }
    killed = false;
    Reaper.track(process);
  }

  /** Whether the node should be up: started and not killed on purpose since. */
  synchronized boolean expectedUp() {
    return process != null && !killed;
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The pid of the current or last child process, or -1 if it was never started. */
  synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Fails naming the exit code and the log tail if the child process died unasked. */
  synchronized void checkRunning() {
    if (expectedUp() && !process.isAlive()) {
      throw new IllegalStateException(
          String.format(
              "broker node %s (pid %s) exited with code %s; end of %s:%n%s",
              nodeId, process.pid(), process.exitValue(), logFile, logTail()));
    }
  }

  /** {@code kill -9}: SIGKILL, then waits until the process is gone. */
  synchronized void killHard() {
    if (process == null) {
      return;
    }
    signalKill();
    awaitExit(KILL_TIMEOUT);
  }

  /**
   * Sends SIGKILL without waiting, so that closing a cluster kills every node at once; {@link
   * #killHard()} then waits for the exit.
   */
  synchronized void signalKill() {
    if (process != null) {
      killed = true; // on purpose, so not reported as a crash
      process.destroyForcibly();
    }
  }

  private void awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            String.format(
                "node %s (pid %s) did not exit within %s", nodeId, process.pid(), timeout));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for node " + nodeId + " to exit", e);
    }
    Reaper.release(process);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }
}
