package dev.terway4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds who started a property run, so that its default seed can be derived from a stable name.
 *
 * <p>The caller is the innermost stack frame whose class does not belong to the testkit itself
 * (judged by where the class was loaded from, so that test classes in the testkit's own packages
 * count as callers). Its name is {@code fully.qualified.Class#method}: stable across builds,
 * machines and edits to other methods, and different for every test method.
 *
 * <p>Stateless and thread-safe.
 */
public final class CallSites {
  private static final CodeSource ENGINE_SOURCE = codeSource(CallSites.class);
  private static final String ENGINE_PACKAGE = "dev.terway4j.testkit";

  private CallSites() {}

  /**
   * Names the first frame outside the testkit on the calling thread's stack.
   *
   * @return e.g. {@code com.example.MyProperties#allocate_neverDoubleAssigns}, or {@code <unknown
   *     caller>} when every frame belongs to the testkit
   */
  public static String caller() {
    Optional<String> name =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(
                frames ->
                    frames
                        .filter(frame -> !isEngine(frame.getDeclaringClass()))
                        .findFirst()
                        .map(frame -> frame.getClassName() + "#" + baseName(frame)));
    return name.orElse("<unknown caller>");
  }

  /**
   * Derives a seed from a name: a 64-bit FNV-1a hash of its UTF-8 bytes, then mixed so that similar
   * names give unrelated seeds.
   *
   * @param name the name, e.g. from {@link #caller()}
   * @return the seed; the same name always gives the same seed
   */
  public static long seedOf(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    // The finaliser of SplittableRandom's mix64 (Stafford variant 13).
    hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
    hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
    return hash ^ (hash >>> 31);
  }

  private static boolean isEngine(Class<?> type) {
    CodeSource source = codeSource(type);
    if (ENGINE_SOURCE != null && source != null) {
      return Objects.equals(ENGINE_SOURCE.getLocation(), source.getLocation());
    }
    // No code source (e.g. a custom class loader): fall back to the testkit's API packages.
    String pkg = type.getPackageName();
    return pkg.equals(ENGINE_PACKAGE) || pkg.equals(ENGINE_PACKAGE + ".internal");
  }

  /** Lambdas compile to {@code lambda$method$0}; they are named for the method holding them. */
  private static String baseName(StackWalker.StackFrame frame) {
    String method = frame.getMethodName();
    if (method.startsWith("lambda$")) {
      int end = method.indexOf('$', "lambda$".length());
      if (end > "lambda$".length()) {
        return method.substring("lambda$".length(), end);
      }
    }
    return method;
  }

  private static CodeSource codeSource(Class<?> type) {
    try {
      return type.getProtectionDomain().getCodeSource();
    } catch (SecurityException e) {
      return null;
    }
  }
}
