package dev.sluice.streams.processor;

/**
 * A step of a topology that receives records one at a time and forwards zero or more records
 * downstream through its {@link ProcessorContext}.
 *
 * <p>One instance serves one task (one partition of one sub-topology) and is only ever called from
 * that task's thread, so implementations need no synchronisation. The DSL's own operators are
 * processors too.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
public interface Processor<KIn, VIn, KOut, VOut> {

  /**
   * Called once before the first record; keep the context to forward records and schedule
   * punctuations.
   *
   * @param context the task-scoped context
   */
  default void init(ProcessorContext<KOut, VOut> context) {}

  /**
   * Processes one record.
   *
   * @param record the record
   */
  void process(Record<KIn, VIn> record);

  /** Called once when the task closes; release resources here. */
  default void close() {}
}
