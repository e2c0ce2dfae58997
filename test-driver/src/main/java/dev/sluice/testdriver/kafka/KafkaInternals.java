package dev.sluice.testdriver.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * The only place that touches Kafka's internal broker classes ({@code kafka.*}, {@code Exit}).
 *
 * <p>They are not public API and change between Kafka releases; keeping every use here means a
 * Kafka upgrade touches one small file. Everything else in the harness speaks the public Admin API.
 */
final class KafkaInternals {

  private static final Object EXIT_LOCK = new Object();
  private static int inProcessBrokers;

  private KafkaInternals() {}

  /**
   * Formats a node's log directories with the storage tool, as {@code kafka-storage.sh format
   * --ignore-formatted} would, so a restarted node keeps its data.
   *
   * @param propsFile the node's properties file
   * @param clusterId the cluster id every node of the cluster is formatted with
   */
  static void format(Path propsFile, String clusterId) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      String[] args = {"format", "--ignore-formatted", "-t", clusterId, "-c", propsFile.toString()};
      rc = StorageTool.execute(args, out);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          String.format(
              "formatting the broker storage of %s failed with exit code %s: %s",
              propsFile, rc, buffer.toString(StandardCharsets.UTF_8)));
    }
  }

  /**
   * Starts a combined broker+controller in this JVM; returns once it is started (not yet
   * necessarily answering clients).
   *
   * @return closing it shuts the node down and waits until it has stopped
   */
  static AutoCloseable startInProcess(Properties props) {
    guardExit();
    KafkaRaftServer server;
    try {
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    } catch (RuntimeException | Error e) {
      releaseExit();
      throw e;
    }
    try {
      server.startup();
    } catch (RuntimeException | Error e) {
      // A half-started node (say, a port taken since it was picked) still runs threads.
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        releaseExit();
      }
      throw e;
    }
    return () -> {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        releaseExit();
      }
    };
  }

  /** Runs a broker until it is shut down; for {@link BrokerMain} in a child JVM. */
  static void runBroker(Path propsFile) {
    kafka.Kafka.main(new String[] {propsFile.toString()});
  }

  /**
   * While an in-process broker runs, Kafka's fatal-fault handlers would {@code halt} the test JVM
   * (surefire then reports only "the forked VM terminated"). Make them throw instead, so the test
   * fails with the broker's error in its log and the JVM survives to clean up.
   */
  private static void guardExit() {
    synchronized (EXIT_LOCK) {
      if (inProcessBrokers++ == 0) {
        Exit.setExitProcedure(KafkaInternals::refuseExit);
        Exit.setHaltProcedure(KafkaInternals::refuseExit);
      }
    }
  }

  private static void releaseExit() {
    synchronized (EXIT_LOCK) {
      if (--inProcessBrokers == 0) {
        Exit.resetExitProcedure();
        Exit.resetHaltProcedure();
      }
    }
  }

  private static void refuseExit(int status, String message) {
    throw new IllegalStateException(
        String.format(
            "an in-process Kafka broker asked to end the JVM (status %s): %s; the broker is now"
                + " unusable, see its log",
            status, message));
  }
}
