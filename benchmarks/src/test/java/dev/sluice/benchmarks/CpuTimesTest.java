package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

  @Test
  void theStolenShareIsTheStealDeltaOverTheDeltaOfAllEightStates() {
    CpuTimes before = CpuTimes.parse("cpu  7074694 8183 689875 3364286 167851 0 42470 182218 0 0");
    CpuTimes after = CpuTimes.parse("cpu  7097911 8183 692940 3370126 168194 0 42570 188264 5 0");

    assertThat(after.stealShareSince(before))
        .isCloseTo(6046.0 / (23217 + 3065 + 5840 + 343 + 100 + 6046), within(1e-9));
    assertThat(CpuTimes.percent(after.stealShareSince(before))).isEqualTo("16%");
  }

  @Test
  void aLineThatIsNotTheAggregateOrAReadingThatIsUnknownGivesNoShare() {
    CpuTimes known = CpuTimes.parse("cpu  1 0 1 1 0 0 0 1 0 0");
    CpuTimes perCore = CpuTimes.parse("cpu0 1 0 1 1 0 0 0 1 0 0");

    assertThat(known.stealShareSince(perCore)).isNaN();
    assertThat(perCore.stealShareSince(known)).isNaN();
    assertThat(known.stealShareSince(known)).as("no time passed").isNaN();
    assertThat(CpuTimes.percent(Double.NaN)).isEqualTo("unknown");
  }

  @Test
  void thisMachinesCountersAreReadable() {
    CpuTimes first = CpuTimes.now();

    assertThat(first.total()).as("Linux /proc/stat is readable here").isPositive();
    assertThat(first.steal()).isBetween(0L, first.total());
  }
}
