package dev.terway4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@link AllocatorBenchmark}'s operations per second of the measuring thread's own CPU time, for
 * the "per core" target on a shared machine: there JMH's wall-clock throughput moves with whatever
 * else runs, while a thread's CPU time is disturbed much less. GC and JIT threads are left out, so
 * this is the upper figure of the two; JMH's is the lower.
 *
 * <p>Each of the four cases (allocate+release and the fake's six calls alone, with 0 and 50
 * background pods per node) runs 15 one-second rounds on a fresh cluster; the median of the last
 * six rounds is printed, with their range.
 *
 * <p>Run (about a minute): {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java
 * -cp terway-benchmarks/target/benchmarks.jar dev.terway4j.benchmarks.AllocatorCpuTime}
 */
public final class AllocatorCpuTime {
  private static final int ROUNDS = 15;
  private static final int REPORTED = 6;

  private AllocatorCpuTime() {}

  /**
   * Runs the four cases and prints their figures.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
    }
    for (boolean allocator : new boolean[] {true, false}) {
      for (int background : new int[] {0, 50}) {
        AllocatorBenchmark benchmark = new AllocatorBenchmark();
        benchmark.background = background;
        benchmark.setUp();
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          rates.add(round(benchmark, allocator, threads));
        }
        List<Double> reported = new ArrayList<>(rates.subList(ROUNDS - REPORTED, ROUNDS));
        Collections.sort(reported);
        System.out.printf(
            Locale.ROOT,
            "%-20s background=%-2d %,9.0f ops per thread CPU second (%,.0f to %,.0f)%n",
            allocator ? "allocateAndRelease" : "fakeCloudCallsAlone",
            background,
            (reported.get(REPORTED / 2 - 1) + reported.get(REPORTED / 2)) / 2,
            reported.get(0),
            reported.get(REPORTED - 1));
      }
    }
  }

  /** One second of operations; returns them per second of this thread's CPU time. */
  private static double round(
      AllocatorBenchmark benchmark, boolean allocator, ThreadMXBean threads) {
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    long operations = 0;
    Object sink = null;
    while (System.nanoTime() - wallStart < 1_000_000_000L) {
      for (int i = 0; i < 100; i++) {
        sink = allocator ? benchmark.allocateAndRelease() : benchmark.fakeCloudCallsAlone();
      }
      operations += 100;
    }
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    if (sink == null) {
      throw new AssertionError("the operations returned nothing");
    }
    return operations * 1e9 / cpu;
  }
}
