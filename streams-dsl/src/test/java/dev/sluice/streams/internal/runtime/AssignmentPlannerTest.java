package dev.sluice.streams.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.streams.internal.engine.TaskId;
import dev.sluice.streams.internal.runtime.AssignmentPlanner.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssignmentPlannerTest {

  private static Set<TaskId> tasks(int subTopologies, int partitions) {
    Set<TaskId> tasks = new HashSet<>();
    for (int s = 0; s < subTopologies; s++) {
      for (int p = 0; p < partitions; p++) {
        tasks.add(new TaskId(s, p));
      }
    }
    return tasks;
  }

  @Test
  void aFreshGroupGetsEveryTaskOnceAndBalanced() {
    Set<TaskId> tasks = tasks(2, 4);
    List<Member> members =
        List.of(
            new Member("a-1", "A", Set.of()),
            new Member("a-2", "A", Set.of()),
            new Member("b-1", "B", Set.of()));

    Map<String, List<TaskId>> plan = AssignmentPlanner.plan(tasks, members);

    List<TaskId> all = new ArrayList<>();
    plan.values().forEach(all::addAll);
    assertThat(all).containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(plan.values())
        .allSatisfy(assignedTasks -> assertThat(assignedTasks.size()).isBetween(2, 3));
    int processA = plan.get("a-1").size() + plan.get("a-2").size();
    assertThat(processA).isBetween(5, 6);
  }

  @Test
  void membersKeepTheirTasksWhenNothingChanges() {
    Set<TaskId> tasks = tasks(1, 4);
    List<Member> members =
        List.of(
            new Member("m1", "A", Set.of(new TaskId(0, 3), new TaskId(0, 0))),
            new Member("m2", "B", Set.of(new TaskId(0, 1), new TaskId(0, 2))));

    Map<String, List<TaskId>> plan = AssignmentPlanner.plan(tasks, members);

    assertThat(plan.get("m1")).containsExactlyInAnyOrder(new TaskId(0, 0), new TaskId(0, 3));
    assertThat(plan.get("m2")).containsExactlyInAnyOrder(new TaskId(0, 1), new TaskId(0, 2));
  }

  @Test
  void aJoiningMemberGetsTasksOnlyAfterTheOwnerRevokedThem() {
    Set<TaskId> tasks = tasks(1, 4);
    Set<TaskId> everything = tasks(1, 4);
    List<Member> firstRound =
        List.of(new Member("old", "A", everything), new Member("new", "B", Set.of()));

    Map<String, List<TaskId>> first = AssignmentPlanner.plan(tasks, firstRound);

    assertThat(first.get("old")).hasSize(2);
    assertThat(first.get("new")).as("withheld until revoked").isEmpty();

    List<Member> secondRound =
        List.of(
            new Member("old", "A", Set.copyOf(first.get("old"))), new Member("new", "B", Set.of()));
    Map<String, List<TaskId>> second = AssignmentPlanner.plan(tasks, secondRound);

    assertThat(second.get("old")).containsExactlyInAnyOrderElementsOf(first.get("old"));
    assertThat(second.get("new")).hasSize(2).doesNotContainAnyElementsOf(first.get("old"));
  }

  @Test
  void aLeavingMembersTasksMoveAtOnceToTheSurvivors() {
    Set<TaskId> tasks = tasks(1, 6);
    List<Member> survivors =
        List.of(
            new Member("m1", "A", Set.of(new TaskId(0, 0), new TaskId(0, 1))),
            new Member("m2", "B", Set.of(new TaskId(0, 2), new TaskId(0, 3))));

    Map<String, List<TaskId>> plan = AssignmentPlanner.plan(tasks, survivors);

    assertThat(plan.get("m1")).hasSize(3).contains(new TaskId(0, 0), new TaskId(0, 1));
    assertThat(plan.get("m2")).hasSize(3).contains(new TaskId(0, 2), new TaskId(0, 3));
  }

  @Test
  void randomGroupsAlwaysCoverEveryTaskWithoutDoubleOwnership() {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      Set<TaskId> tasks = tasks(1 + random.nextInt(3), 1 + random.nextInt(8));
      List<Member> members = new ArrayList<>();
      int memberCount = 1 + random.nextInt(5);
      Map<TaskId, String> owners = new HashMap<>();
      for (int m = 0; m < memberCount; m++) {
        Set<TaskId> owned = new HashSet<>();
        for (TaskId task : tasks) {
          if (random.nextInt(memberCount) == 0 && owners.putIfAbsent(task, "m" + m) == null) {
            owned.add(task);
          }
        }
        members.add(new Member("m" + m, "p" + random.nextInt(3), owned));
      }

      Map<String, List<TaskId>> plan = AssignmentPlanner.plan(tasks, members);

      Set<TaskId> granted = new HashSet<>();
      plan.forEach(
          (member, assigned) -> {
            for (TaskId task : assigned) {
              assertThat(granted.add(task)).as("task %s granted twice", task).isTrue();
              String owner = owners.get(task);
              assertThat(owner == null || owner.equals(member))
                  .as("task %s granted to %s while %s still owns it", task, member, owner)
                  .isTrue();
            }
          });
      Set<TaskId> ownedAndKept = new HashSet<>(granted);
      owners.keySet().forEach(ownedAndKept::add);
      assertThat(ownedAndKept).as("every task is granted or still owned").containsAll(tasks);
      int ceiling = (tasks.size() + memberCount - 1) / memberCount;
      plan.values().forEach(assigned -> assertThat(assigned.size()).isLessThanOrEqualTo(ceiling));
    }
  }
}
