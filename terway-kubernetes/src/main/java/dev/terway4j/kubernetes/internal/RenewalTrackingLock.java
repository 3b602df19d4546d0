package dev.terway4j.kubernetes.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * A leader-election {@link Lock} that reports each successful write of a record naming this
 * identity as the holder (an acquisition or a renewal), with the {@link System#nanoTime()} taken
 * before the write was sent: the lease is certainly ours from then on for the renew deadline. This
 * is what lets a leader fence itself by the clock, whether or not the elector's callbacks run (they
 * do not when its client is closed under it).
 *
 * <p>Thread-safe if the delegate is.
 */
public final class RenewalTrackingLock implements Lock {

  private final Lock delegate;
  private final LongConsumer renewedAtNanos;

  /**
   * Wraps a lock.
   *
   * @param delegate the lock
   * @param renewedAtNanos told the {@code nanoTime} before each successful write naming us
   */
  public RenewalTrackingLock(Lock delegate, LongConsumer renewedAtNanos) {
    this.delegate = checkNotNull(delegate, "delegate");
    this.renewedAtNanos = checkNotNull(renewedAtNanos, "renewedAtNanos");
  }

  @Override
  public LeaderElectionRecord get(KubernetesClient client) {
    return delegate.get(client);
  }

  @Override
  public void create(KubernetesClient client, LeaderElectionRecord record) {
    long sent = System.nanoTime();
    delegate.create(client, record);
    report(record, sent);
  }

  @Override
  public void update(KubernetesClient client, LeaderElectionRecord record) {
    long sent = System.nanoTime();
    delegate.update(client, record);
    report(record, sent);
  }

  private void report(LeaderElectionRecord record, long sent) {
    if (Objects.equals(record.getHolderIdentity(), identity())) {
      renewedAtNanos.accept(sent);
    }
  }

  @Override
  public String identity() {
    return delegate.identity();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }
}
