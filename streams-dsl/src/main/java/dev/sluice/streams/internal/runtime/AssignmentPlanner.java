package dev.sluice.streams.internal.runtime;

import dev.sluice.streams.internal.engine.TaskId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which group member runs which task: a pure function, so its rules are tested without a
 * broker.
 *
 * <p>Rules, in order: (1) balance — every member ends with ⌊T/M⌋ or ⌈T/M⌉ tasks, and the extra ones
 * go first to the processes with fewest tasks, so instances and threads share evenly; (2)
 * stickiness — a member keeps the tasks it owns as far as balance allows, so state stays where it
 * was built; (3) cooperation — a task moving from one live member to another is withheld from its
 * new owner for one round: the old owner revokes it, the consumer protocol triggers a follow-up
 * rebalance, and only then does the new owner get it. Tasks that do not move are never interrupted.
 */
public final class AssignmentPlanner {

  /**
   * One group member as the planner sees it.
   *
   * @param memberId the consumer's member id
   * @param processId the application instance it belongs to
   * @param owned the tasks it runs now
   */
  public record Member(String memberId, String processId, Set<TaskId> owned) {}

  private AssignmentPlanner() {}

  /**
   * Plans the assignment.
   *
   * @param tasks every task of the topology
   * @param members the live members
   * @return tasks per member id, each member present (possibly with no task)
   */
  public static Map<String, List<TaskId>> plan(Set<TaskId> tasks, List<Member> members) {
    List<Member> ordered = new ArrayList<>(members);
    ordered.sort(Comparator.comparing(Member::memberId));
    Map<String, TreeSet<TaskId>> target = new LinkedHashMap<>();
    ordered.forEach(member -> target.put(member.memberId(), new TreeSet<>()));
    if (ordered.isEmpty()) {
      return Map.of();
    }
    int floor = tasks.size() / ordered.size();
    int withExtra = tasks.size() % ordered.size();
    Map<TaskId, String> currentOwner = currentOwners(ordered, tasks);
    keepOwnedTasks(ordered, tasks, target, floor, currentOwner);
    assignRemaining(tasks, ordered, target, floor, withExtra);
    return withholdMovingTasks(target, currentOwner);
  }

  private static TreeSet<TaskId> sorted(Set<TaskId> tasks) {
    TreeSet<TaskId> sorted = new TreeSet<>();
    sorted.addAll(tasks);
    return sorted;
  }

  private static Map<TaskId, String> currentOwners(List<Member> members, Set<TaskId> tasks) {
    Map<TaskId, String> owners = new HashMap<>();
    for (Member member : members) {
      for (TaskId task : member.owned()) {
        if (tasks.contains(task)) {
          owners.putIfAbsent(task, member.memberId());
        }
      }
    }
    return owners;
  }

  // Each member keeps up to `floor` of its own tasks; the ⌈⌉ slots are decided afterwards so a
  // member cannot hoard extra tasks that a process with fewer tasks should get.
  private static void keepOwnedTasks(
      List<Member> members,
      Set<TaskId> tasks,
      Map<String, TreeSet<TaskId>> target,
      int floor,
      Map<TaskId, String> currentOwner) {
    for (Member member : members) {
      TreeSet<TaskId> kept = target.get(member.memberId());
      for (TaskId task : sorted(member.owned())) {
        if (kept.size() < floor
            && tasks.contains(task)
            && member.memberId().equals(currentOwner.get(task))) {
          kept.add(task);
        }
      }
    }
  }

  private static void assignRemaining(
      Set<TaskId> tasks,
      List<Member> members,
      Map<String, TreeSet<TaskId>> target,
      int floor,
      int withExtra) {
    Set<TaskId> assigned = new TreeSet<>();
    target.values().forEach(assigned::addAll);
    List<TaskId> remaining = new ArrayList<>();
    for (TaskId task : sorted(tasks)) {
      if (!assigned.contains(task)) {
        remaining.add(task);
      }
    }
    Map<String, String> processOf = new HashMap<>();
    members.forEach(member -> processOf.put(member.memberId(), member.processId()));
    // Prefer a member whose own owned tasks include the task (sticky for the ⌈⌉ slot).
    Map<TaskId, String> previous = new HashMap<>();
    members.forEach(
        member -> member.owned().forEach(task -> previous.putIfAbsent(task, member.memberId())));
    int[] extrasLeft = {withExtra};
    for (TaskId task : remaining) {
      String chosen = null;
      String previousOwner = previous.get(task);
      if (previousOwner != null && hasRoom(target.get(previousOwner), floor, extrasLeft[0])) {
        chosen = previousOwner;
      }
      if (chosen == null) {
        chosen = leastLoaded(members, target, processOf, floor, extrasLeft[0]);
      }
      if (target.get(chosen).size() >= floor) {
        extrasLeft[0]--;
      }
      target.get(chosen).add(task);
    }
  }

  private static boolean hasRoom(TreeSet<TaskId> current, int floor, int extrasLeft) {
    return current.size() < floor || (current.size() == floor && extrasLeft > 0);
  }

  private static String leastLoaded(
      List<Member> members,
      Map<String, TreeSet<TaskId>> target,
      Map<String, String> processOf,
      int floor,
      int extrasLeft) {
    Map<String, Integer> perProcess = new TreeMap<>();
    target.forEach(
        (member, owned) -> perProcess.merge(processOf.get(member), owned.size(), Integer::sum));
    String best = null;
    for (Member member : members) {
      TreeSet<TaskId> current = target.get(member.memberId());
      if (!hasRoom(current, floor, extrasLeft)) {
        continue;
      }
      if (best == null || isLessLoaded(member.memberId(), best, target, processOf, perProcess)) {
        best = member.memberId();
      }
    }
    if (best == null) {
      throw new IllegalStateException("BUG: no member has room for a task");
    }
    return best;
  }

  private static boolean isLessLoaded(
      String candidate,
      String best,
      Map<String, TreeSet<TaskId>> target,
      Map<String, String> processOf,
      Map<String, Integer> perProcess) {
    int byMember = Integer.compare(target.get(candidate).size(), target.get(best).size());
    if (byMember != 0) {
      return byMember < 0;
    }
    return perProcess.get(processOf.get(candidate)) < perProcess.get(processOf.get(best));
  }

  private static Map<String, List<TaskId>> withholdMovingTasks(
      Map<String, TreeSet<TaskId>> target, Map<TaskId, String> currentOwner) {
    Map<String, List<TaskId>> result = new LinkedHashMap<>();
    target.forEach(
        (member, planned) -> {
          List<TaskId> granted = new ArrayList<>();
          for (TaskId task : planned) {
            String owner = currentOwner.get(task);
            if (owner == null || owner.equals(member)) {
              granted.add(task);
            }
          }
          result.put(member, granted);
        });
    return result;
  }
}
