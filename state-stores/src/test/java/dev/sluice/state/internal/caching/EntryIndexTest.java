package dev.sluice.state.internal.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryIndexTest {

  @Test
  void findsEveryEntryByKeyContentThroughGrowthAndRemovals() {
    EntryIndex index = new EntryIndex();
    Map<String, CacheEntry> model = new HashMap<>();
    Random random = new Random(7);
    // Few distinct keys, many operations: long probe runs form and removals shift them back.
    for (int step = 0; step < 200_000; step++) {
      String key = "k" + random.nextInt(3_000);
      CacheEntry present = model.get(key);
      if (present == null) {
        CacheEntry entry = new CacheEntry(bytes(key));
        index.add(entry);
        model.put(key, entry);
      } else if (random.nextInt(3) == 0) {
        index.remove(present);
        model.remove(key);
      }
      String probe = "k" + random.nextInt(3_000);
      // a fresh array: found by content, not identity
      assertThat(index.get(bytes(probe)))
          .as("step %s key %s", step, probe)
          .isSameAs(model.get(probe));
    }
    assertThat(index.size()).isEqualTo(model.size());
    for (Map.Entry<String, CacheEntry> entry : model.entrySet()) {
      assertThat(index.get(bytes(entry.getKey()))).isSameAs(entry.getValue());
    }
  }

  @Test
  void removingEveryEntryInAnyOrderLeavesNothingBehind() {
    EntryIndex index = new EntryIndex();
    List<CacheEntry> entries = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      CacheEntry entry = new CacheEntry(bytes("key-" + i));
      entries.add(entry);
      index.add(entry);
    }
    java.util.Collections.shuffle(entries, new Random(3));
    for (int i = 0; i < entries.size(); i++) {
      index.remove(entries.get(i));
      assertThat(index.get(entries.get(i).key)).isNull();
      if (i + 1 < entries.size()) {
        assertThat(index.get(entries.get(entries.size() - 1).key))
            .isSameAs(entries.get(entries.size() - 1));
      }
    }
    assertThat(index.size()).isZero();
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
