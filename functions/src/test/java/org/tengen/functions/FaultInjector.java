package org.tengen.functions;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Injects S3 and DynamoDB faults into the functions under test: an SDK interceptor that the
 * functions' clients pick up ({@code AwsClients}), armed by a test to fail one chosen call. A call
 * fails either {@link Mode#BEFORE} it is sent (the service never saw it) or {@link Mode#AFTER} it
 * succeeded (the service did the work, the caller gets an error instead of the answer): the two
 * ways a cloud call fails. {@link Mode#SLOW} holds the answer of the call's first attempt back
 * longer than the clients' attempt timeout: the SDK abandons the attempt and tries again, on a
 * service that has already done the work once. Calls are counted from the arming on, across
 * threads; a recording of the operations of a clean call lets a test aim at each step in turn.
 */
@Singleton
public class FaultInjector implements ExecutionInterceptor {

  public enum Mode {
    BEFORE,
    AFTER,
    SLOW
  }

  /** How long a {@link Mode#SLOW} answer is held back: past the test profile's attempt timeout. */
  static final long SLOW_MILLIS = 3_000;

  private static final AtomicInteger CALLS = new AtomicInteger();

  /** A recorded call: its operation and the thread that made it. */
  private record Call(String operation, String thread) {}

  private static final List<Call> RECORDED = Collections.synchronizedList(new ArrayList<>());
  private static volatile int failAt = -1;
  private static volatile Mode mode = Mode.BEFORE;
  private static volatile boolean recording;
  private static volatile String fired;

  /** Fails the {@code index}-th call (from 0) made from now on, in the given way. */
  static void arm(int index, Mode how) {
    CALLS.set(0);
    fired = null;
    mode = how;
    failAt = index;
  }

  /** Records the operations made from now on, failing none. */
  static void record() {
    disarm();
    RECORDED.clear();
    recording = true;
  }

  /** The operations recorded since {@link #record}, in the order they started. */
  static List<String> recorded() {
    recording = false;
    synchronized (RECORDED) {
      return RECORDED.stream().map(Call::operation).toList();
    }
  }

  /** The last recording with the thread that made each call, for the test's log. */
  static List<String> recordedWithThreads() {
    synchronized (RECORDED) {
      return RECORDED.stream().map(c -> c.operation() + "@" + c.thread()).toList();
    }
  }

  static void disarm() {
    failAt = -1;
    recording = false;
  }

  /** The operation that was made to fail since the last arming, or null. */
  static String fired() {
    return fired;
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
        + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    SdkOperationLedger.note(context.request());
    if (recording) {
      RECORDED.add(new Call(operation(attributes), Thread.currentThread().getName()));
    }
    if (failAt < 0) {
      return;
    }
    int n = CALLS.getAndIncrement();
    if (n == failAt) {
      attributes.putAttribute(TARGET, Boolean.TRUE);
      if (mode == Mode.BEFORE) {
        fired = operation(attributes) + " (before)";
        throw SdkClientException.create("injected fault: " + operation(attributes) + " not sent");
      }
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(TARGET))
        && mode == Mode.SLOW
        && attributes.getAttribute(HELD_BACK) == null) {
      attributes.putAttribute(HELD_BACK, Boolean.TRUE); // the first attempt only
      fired = operation(attributes) + " (slow)";
      try {
        Thread.sleep(SLOW_MILLIS);
      } catch (InterruptedException e) {
        // the attempt timeout interrupts the wait; the SDK reports the attempt as timed out
        Thread.currentThread().interrupt();
        fired = operation(attributes) + " (slow: abandoned by the attempt timeout)";
        throw SdkClientException.create("injected fault: " + operation(attributes) + " too slow");
      }
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(TARGET)) && mode == Mode.AFTER) {
      fired = operation(attributes) + " (after)";
      throw SdkClientException.create(
          "injected fault: " + operation(attributes) + " done, answer lost");
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(TARGET)) && mode == Mode.AFTER) {
      // the call failed by itself (a condition that did not hold): no answer to lose
      fired = operation(attributes) + " (after: failed by itself)";
    }
  }

  private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Boolean> TARGET =
      new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("tengen.faultTarget");

  private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Boolean>
      HELD_BACK =
          new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("tengen.heldBack");
}
