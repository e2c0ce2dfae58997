package dev.sluice.testdriver.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three child-JVM nodes: a partition leader killed with {@code kill -9} mid-stream. */
class KafkaClusterIT {

  private static final int RECORDS = 4000;
  private static final int FLUSH_EVERY = 100;

  private static ChildProcessKafka cluster;

  @BeforeAll
  static void startCluster() {
    cluster = EmbeddedKafka.cluster(3);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster == null) {
      return;
    }
    List<Long> pids = new ArrayList<>();
    for (int node = 0; node < cluster.nodeCount(); node++) {
      pids.add(cluster.pid(node));
    }
    cluster.close();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
          .as("node pid %s", pid)
          .isEmpty();
    }
  }

  @Test
  void killingALeaderMidStreamLosesAndDuplicatesNothing() throws Exception {
    cluster.createTopic("payments", 6, Map.of("min.insync.replicas", "2"));
    int victim = leaderOfPartitionZero("payments") - 1;

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<Exception> failures = new CopyOnWriteArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    CountDownLatch quarterAcknowledged = new CountDownLatch(1);
    Thread producing =
        new Thread(
            () -> {
              try (KafkaProducer<String, String> producer = Clients.producer(cluster)) {
                for (int i = 0; i < RECORDS; i++) {
                  String value = "payment-" + i;
                  producer.send(
                      new ProducerRecord<>("payments", value, value),
                      (metadata, error) -> {
                        if (error == null) {
                          acknowledged.add(value);
                        } else {
                          failures.add(error);
                        }
                      });
                  sent.incrementAndGet();
                  // Bounded batches keep records in flight while the leader dies.
                  if ((i + 1) % FLUSH_EVERY == 0) {
                    producer.flush();
                    if (i + 1 == RECORDS / 4) {
                      quarterAcknowledged.countDown();
                    }
                  }
                }
              }
            },
            "payments-producer");
    producing.start();
    try {
      assertThat(quarterAcknowledged.await(60, TimeUnit.SECONDS)).isTrue();
      int sentAtKill = sent.get();
      cluster.killHard(victim);
      assertThat(cluster.isRunning(victim)).isFalse();
      assertThat(sentAtKill)
          .as("the kill lands while records are still being sent")
          .isLessThan(RECORDS);
    } finally {
      producing.join(TimeUnit.SECONDS.toMillis(120));
    }
    assertThat(producing.isAlive()).as("producer finished").isFalse();

    assertThat(failures).isEmpty();
    assertThat(acknowledged).hasSize(RECORDS);
    List<String> consumed =
        Clients.consume(cluster, "payments", "payments-audit", RECORDS, Duration.ofSeconds(60));
    assertThat(consumed).as("no record lost or duplicated").hasSize(acknowledged.size());
    assertThat(new HashSet<>(consumed)).isEqualTo(acknowledged);
    assertThat(leaderOfPartitionZero("payments")).isNotEqualTo(victim + 1);
  }

  private static int leaderOfPartitionZero(String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      TopicPartitionInfo zero = description.partitions().get(0);
      assertThat(zero.replicas()).hasSize(3);
      return zero.leader().id();
    }
  }
}
