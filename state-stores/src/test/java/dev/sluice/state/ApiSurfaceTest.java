package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Public API types of {@code dev.sluice.state} never expose {@code internal} types. */
class ApiSurfaceTest {

  private static List<Class<?>> publicApiTypes() throws IOException, URISyntaxException {
    Path packageDir =
        Path.of(StateStores.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/sluice/state");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(packageDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        try {
          Class<?> type =
              Class.forName(
                  "dev.sluice.state." + name, false, ApiSurfaceTest.class.getClassLoader());
          if (Modifier.isPublic(type.getModifiers())) {
            types.add(type);
          }
        } catch (ClassNotFoundException nestedOrPackagePrivate) {
          // nested types are reached through their owner below
        }
      }
    }
    return types;
  }

  @Test
  void apiSignaturesMentionNoInternalType() throws Exception {
    List<Class<?>> types = publicApiTypes();
    assertThat(types).contains(StateStores.class, KeyValueStore.class, StoreBuilder.class);
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      List<String> signatures = new ArrayList<>();
      signatures.add(String.valueOf(type.getGenericSuperclass()));
      for (var implemented : type.getGenericInterfaces()) {
        signatures.add(implemented.getTypeName());
      }
      for (var method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers())
            || Modifier.isProtected(method.getModifiers())) {
          signatures.add(method.toGenericString());
        }
      }
      for (var constructor : type.getDeclaredConstructors()) {
        if (Modifier.isPublic(constructor.getModifiers())
            || Modifier.isProtected(constructor.getModifiers())) {
          signatures.add(constructor.toGenericString());
        }
      }
      for (var field : type.getDeclaredFields()) {
        if (Modifier.isPublic(field.getModifiers()) || Modifier.isProtected(field.getModifiers())) {
          signatures.add(field.toGenericString());
        }
      }
      signatures.stream()
          .filter(s -> s.contains("dev.sluice.state.internal"))
          .forEach(s -> leaks.add(type.getSimpleName() + ": " + s));
    }
    assertThat(leaks).isEmpty();
  }
}
