package dev.sluice.testdriver.kafka;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The main class of a broker child JVM started by {@link ChildProcessKafka}: formats the node's
 * storage (keeping existing data, so a killed node can restart on it) and runs the broker until it
 * is signalled to stop.
 *
 * <p>A daemon watchdog halts this JVM once the parent process is gone: a test JVM killed with
 * SIGKILL runs no shutdown hook, and an orphaned broker would otherwise hold its ports and memory
 * until someone notices.
 */
public final class BrokerMain {

  private static final long WATCH_INTERVAL_MS = 500;

  private BrokerMain() {}

  /**
   * Formats and runs one node.
   *
   * @param args the node's properties file, the cluster id, and the parent process id
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: BrokerMain <server.properties> <cluster-id> <parent-pid>");
      System.exit(2);
    }
    watchParent(Long.parseLong(args[2]));
    Path propsFile = Path.of(args[0]);
    KafkaInternals.format(propsFile, args[1]);
    KafkaInternals.runBroker(propsFile);
  }

  private static void watchParent(long parentPid) {
    Thread watchdog =
        new Thread(
            () -> {
              while (parentAlive(parentPid)) {
                try {
                  Thread.sleep(
                      WATCH_INTERVAL_MS); // a liveness poll; there is no exit event to await
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.err.println("BrokerMain: parent process " + parentPid + " is gone; halting");
              // halt, not exit: the broker's shutdown hook would try a controlled shutdown first.
              Runtime.getRuntime().halt(3);
            },
            "sluice-parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** Alive and still our parent: once it dies, Linux re-parents us, so the parent pid changes. */
  private static boolean parentAlive(long parentPid) {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    return parent.isPresent() && parent.get().pid() == parentPid && parent.get().isAlive();
  }
}
