package dev.sluice.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testdriver.kafka.EmbeddedKafka;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end harness on a real broker: each system runs in its own JVM, the run is timed until
 * the input is committed, and the output check passes; a JVM that cannot start fails at once.
 */
class EndToEndHarnessIT {
  private static final int RECORDS = 3_000;

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.inProcess();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void sluiceAndThePassthroughRunBothWorkloadsInJvmsOfTheirOwn() {
    TimedRun timedRun = new TimedRun(kafka, admin, 100);
    for (Workload workload : new Workload[] {new W1Workload(), new W2Workload()}) {
      InputRecords input = workload.generate(RECORDS);
      for (String system : new String[] {"sluice", "passthrough-changelog"}) {
        try (AppProcess app = AppProcess.launch(system, workload, "256m")) {
          RunResult first = timedRun.run(workload, input, app, 1);
          RunResult second = timedRun.run(workload, input, app, 2);

          for (RunResult run : new RunResult[] {first, second}) {
            assertThat(run.succeeded()).as(system + " " + workload.name()).isTrue();
            assertThat(run.records()).isEqualTo(RECORDS);
            assertThat(run.outputs()).isPositive();
            assertThat(run.appCpuNanos()).isPositive();
            assertThat(run.brokerCpuNanos()).isPositive();
          }
        }
      }
    }
  }

  @Test
  void aJvmThatExitsBeforeConnectingFailsTheLaunchAtOnce() {
    assertThatThrownBy(() -> AppProcess.launch("no-such-system", new W1Workload(), "64m"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-system")
        .hasMessageContaining("exited with code 1 before connecting");
  }
}
