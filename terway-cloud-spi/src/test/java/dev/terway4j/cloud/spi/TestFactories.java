package dev.terway4j.cloud.spi;

import java.util.Map;

/** Factories registered in this module's test META-INF/services: two share the id "dup". */
final class TestFactories {
  private TestFactories() {}

  /** A factory whose provider is never used. */
  abstract static class Base implements CloudProviderFactory {
    @Override
    public CloudProvider create(Map<String, String> config) {
      throw new UnsupportedOperationException("test factory " + id());
    }
  }

  /** Registered once. */
  public static final class Single extends Base {
    @Override
    public String id() {
      return "single";
    }
  }

  /** First of two with the same id. */
  public static final class DuplicateA extends Base {
    @Override
    public String id() {
      return "dup";
    }
  }

  /** Second of two with the same id. */
  public static final class DuplicateB extends Base {
    @Override
    public String id() {
      return "dup";
    }
  }
}
