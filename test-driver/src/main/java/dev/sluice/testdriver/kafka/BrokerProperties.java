package dev.sluice.testdriver.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The configuration of one combined broker+controller KRaft node on 127.0.0.1, and the free ports
 * it listens on.
 *
 * <p>The values are tuned for tests on a small machine: internal topics sized to the cluster, no
 * initial rebalance delay, a 2 MiB log-cleaner buffer instead of 128 MiB (the default is most of a
 * 256 MiB heap), and heartbeat/session/election timeouts short enough that a killed node is fenced
 * and a new leader elected in 3–5 s instead of 9–11 s.
 */
final class BrokerProperties {

  static final String HOST = "127.0.0.1";

  /** Starts retried with new ports when a picked port was taken before the broker bound it. */
  static final int START_ATTEMPTS = 3;

  private static final String ADDRESS_IN_USE = "Address already in use";

  private BrokerProperties() {}

  /**
   * Builds the properties of one node.
   *
   * @param nodeId the node id, also its voter id
   * @param brokerPort the client (PLAINTEXT) port
   * @param controllerPort the controller (KRaft) port
   * @param voters the {@code controller.quorum.voters} value shared by every node
   * @param dataDir the node's log directory
   * @param clusterSize the number of nodes, which caps the replication of internal topics
   */
  static Properties node(
      int nodeId,
      int brokerPort,
      int controllerPort,
      String voters,
      Path dataDir,
      int clusterSize) {
    int replication = Math.min(3, clusterSize);
    int minIsr = Math.min(2, replication);
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(nodeId));
    p.setProperty("controller.quorum.voters", voters);
    p.setProperty(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dataDir.toString());

    p.setProperty("default.replication.factor", Integer.toString(replication));
    p.setProperty("offsets.topic.replication.factor", Integer.toString(replication));
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", Integer.toString(replication));
    p.setProperty("transaction.state.log.min.isr", Integer.toString(minIsr));
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty(
        "share.coordinator.state.topic.replication.factor", Integer.toString(replication));
    p.setProperty("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
    // Fewer threads: a test broker serves a handful of clients, and the machine has 2 cores.
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("num.recovery.threads.per.data.dir", "1");

    p.setProperty("broker.heartbeat.interval.ms", "500");
    p.setProperty("broker.session.timeout.ms", "3000");
    p.setProperty("controller.quorum.fetch.timeout.ms", "1000");
    p.setProperty("controller.quorum.election.timeout.ms", "500");
    return p;
  }

  /** Writes {@code props} to {@code file}, for the storage tool and the child JVM to read. */
  static Path write(Properties props, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "Sluice test broker");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write broker properties to " + file, e);
    }
  }

  /**
   * Returns {@code count} distinct ports that were free a moment ago.
   *
   * <p>All sockets are held open together so the ports are distinct; they are closed before the
   * broker binds them. Another process could take one in between, in which case the broker fails to
   * start with a bind error — rare, and loud rather than silent.
   */
  static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Nothing was accepted on it; a failed close leaves no state behind.
        }
      }
    }
  }

  /**
   * Whether a start failed because a port from {@link #freePorts} was taken in the meantime (for
   * example as the ephemeral port of some outgoing connection) — worth a retry with new ports. For
   * a child JVM the failure message carries the log tail, which names the bind error.
   */
  static boolean portTaken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains(ADDRESS_IN_USE)) {
        return true;
      }
    }
    return false;
  }
}
