package dev.sluice.streams.internal.ops;

import dev.sluice.streams.Predicate;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.ProcessorSupplier;
import dev.sluice.streams.processor.Record;
import java.util.List;

/**
 * Routes each record to the first branch whose predicate matches, else to the default branch if
 * there is one, else drops it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class SplitProcessor<K, V> implements Processor<K, V, K, V> {

  /**
   * One branch: its predicate and the name of the child step it feeds.
   *
   * @param predicate the test
   * @param childName the branch step's name
   * @param <K> key type
   * @param <V> value type
   */
  public record Branch<K, V>(Predicate<? super K, ? super V> predicate, String childName) {}

  private final List<Branch<K, V>> branches;
  private final String defaultChild;
  private ProcessorContext<K, V> context;

  private SplitProcessor(List<Branch<K, V>> branches, String defaultChild) {
    this.branches = branches;
    this.defaultChild = defaultChild;
  }

  /**
   * A supplier of split processors. The branch list is read when the topology is built, after every
   * branch has been added.
   *
   * @param branches the branches in order
   * @param defaultChild the default branch step, or null to drop unmatched records
   * @param <K> key type
   * @param <V> value type
   * @return the supplier
   */
  public static <K, V> ProcessorSupplier<K, V, K, V> of(
      List<Branch<K, V>> branches, String defaultChild) {
    List<Branch<K, V>> copy = List.copyOf(branches);
    return () -> new SplitProcessor<>(copy, defaultChild);
  }

  @Override
  public void init(ProcessorContext<K, V> context) {
    this.context = context;
  }

  @Override
  public void process(Record<K, V> record) {
    for (Branch<K, V> branch : branches) {
      if (branch.predicate().test(record.key(), record.value())) {
        context.forward(record, branch.childName());
        return;
      }
    }
    if (defaultChild != null) {
      context.forward(record, defaultChild);
    }
  }
}
