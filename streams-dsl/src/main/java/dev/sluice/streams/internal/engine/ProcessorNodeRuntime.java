package dev.sluice.streams.internal.engine;

import dev.sluice.state.FlushListener;
import dev.sluice.streams.StreamsException;
import dev.sluice.streams.internal.Checks;
import dev.sluice.streams.internal.graph.StoreSpec;
import dev.sluice.streams.processor.Cancellable;
import dev.sluice.streams.processor.Processor;
import dev.sluice.streams.processor.ProcessorContext;
import dev.sluice.streams.processor.PunctuationType;
import dev.sluice.streams.processor.Punctuator;
import dev.sluice.streams.processor.Record;
import dev.sluice.streams.processor.RecordMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step inside one task: its processor, and the context that processor forwards through.
 *
 * <p>Forwarding calls the children directly, depth first, in definition order, so a record crosses
 * a chain of steps in one call stack with no queue and no copy between steps. A failure is wrapped
 * once, by the step where it happened, with the task, step and source record.
 */
final class ProcessorNodeRuntime implements ProcessorContext<Object, Object>, StepContext {
  private static final ProcessorNodeRuntime[] NO_CHILDREN = new ProcessorNodeRuntime[0];
  private static final System.Logger LOG = System.getLogger(ProcessorNodeRuntime.class.getName());

  private final String name;
  private final Processor<Object, Object, Object, Object> processor;
  private final TaskScope scope;
  private final List<String> storeNames;
  private final TaskStores stores;
  private ProcessorNodeRuntime[] children = NO_CHILDREN;
  private final Map<String, ProcessorNodeRuntime> childrenByName = new HashMap<>();

  ProcessorNodeRuntime(
      String name,
      Processor<Object, Object, Object, Object> processor,
      TaskScope scope,
      List<String> storeNames,
      TaskStores stores) {
    this.name = name;
    this.processor = processor;
    this.scope = scope;
    this.storeNames = storeNames;
    this.stores = stores;
  }

  String name() {
    return name;
  }

  void link(List<ProcessorNodeRuntime> childNodes) {
    children = childNodes.toArray(NO_CHILDREN);
    for (ProcessorNodeRuntime child : childNodes) {
      childrenByName.put(child.name, child);
    }
  }

  void init() {
    try {
      processor.init(this);
    } catch (RuntimeException e) {
      throw scope.failure(name, "in init()", e);
    }
  }

  void process(Record<Object, Object> record) {
    scope.recordTime = record.timestamp();
    try {
      processor.process(record);
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw scope.failure(name, e);
    }
  }

  void punctuate(Punctuator punctuator, long timestamp) {
    scope.clearCurrent();
    scope.recordTime = timestamp;
    try {
      punctuator.punctuate(timestamp);
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw scope.failure(name, e);
    }
  }

  void close() {
    try {
      processor.close();
    } catch (RuntimeException e) {
      throw scope.failure(name, "in close()", e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> void forward(Record<K, V> record) {
    Record<Object, Object> out = (Record<Object, Object>) record;
    for (ProcessorNodeRuntime child : children) {
      child.process(out);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> void forward(Record<K, V> record, String childName) {
    ProcessorNodeRuntime child = childrenByName.get(childName);
    Checks.argument(
        child != null,
        "step '%s' has no child named '%s'; its children are %s",
        name,
        childName,
        childrenByName.keySet());
    child.process((Record<Object, Object>) record);
  }

  @Override
  public Optional<RecordMetadata> recordMetadata() {
    return scope.metadata();
  }

  @Override
  public Cancellable schedule(Duration interval, PunctuationType type, Punctuator punctuator) {
    Checks.notNull(interval, "interval");
    Checks.notNull(type, "type");
    Checks.notNull(punctuator, "punctuator");
    Checks.argument(
        interval.toMillis() >= 1,
        "step '%s': punctuation interval %s is below 1 ms",
        name,
        interval);
    return scope.punctuations.schedule(
        this, interval.toMillis(), type, punctuator, scope.streamTime, scope.clock.nowMs());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S> S getStateStore(String storeName) {
    Checks.notNull(storeName, "storeName");
    Checks.argument(
        storeNames.contains(storeName),
        "step '%s' cannot use store '%s': it may use %s. Name the store when adding the step,"
            + " e.g. process(supplier, \"%s\"), and declare it with StreamsBuilder.addStateStore",
        name,
        storeName,
        storeNames,
        storeName);
    Object store = stores.get(storeName);
    Checks.argument(
        store != null,
        "step '%s': store '%s' is not open yet; use it from init() on, not in the constructor",
        name,
        storeName);
    return (S) store;
  }

  @Override
  public boolean cached(String storeName) {
    return stores.cached(storeName);
  }

  @Override
  public StoreSpec storeSpec(String storeName) {
    Checks.invariant(
        storeNames.contains(storeName), "step '%s' does not use store '%s'", name, storeName);
    return stores.spec(storeName);
  }

  @Override
  public <K, V> void onCacheFlush(String storeName, FlushListener<K, V> listener) {
    Checks.invariant(
        storeNames.contains(storeName), "step '%s' does not use store '%s'", name, storeName);
    stores.onCacheFlush(name, storeName, listener);
  }

  @Override
  public void recordDropped(String reason) {
    scope.droppedRecords++;
    LOG.log(
        System.Logger.Level.WARNING,
        "task {0}: step ''{1}'' dropped a record: {2}",
        scope.id,
        name,
        reason);
  }

  @Override
  public long currentStreamTimeMs() {
    return scope.streamTime;
  }

  @Override
  public long currentSystemTimeMs() {
    return scope.clock.nowMs();
  }

  @Override
  public String taskId() {
    return scope.id.toString();
  }

  @Override
  public String applicationId() {
    return scope.applicationId;
  }
}
