package org.tengen.functions.store;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes a DynamoDB transaction and tells a failed condition apart from contention. A transaction
 * that collides with another one on a shared item (the run's counters, under many concurrent
 * confirms) is cancelled with {@code TransactionConflict} and is simply tried again; one whose
 * condition failed is a real answer and goes back to the caller.
 */
public final class Transactions {

  private static final int ATTEMPTS = 12;

  private Transactions() {}

  /**
   * The outcome: written, or the index of the first item whose condition failed and every item's
   * cancellation reason (with the item as it was, where the item asked for it).
   */
  public record Outcome(boolean written, int failedItem, List<CancellationReason> reasons) {
    public static final Outcome WRITTEN = new Outcome(true, -1, List.of());

    /** Whether item {@code i}'s condition failed. */
    public boolean failed(int i) {
      return i < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(i).code());
    }
  }

  /** Writes, trying a transaction that collided with another one again, with growing pauses. */
  public static Outcome write(DynamoDbClient dynamo, List<TransactWriteItem> items) {
    for (int attempt = 1; ; attempt++) {
      Outcome outcome = writeOnce(dynamo, items);
      if (outcome.written() || outcome.failedItem() >= 0) {
        return outcome;
      }
      if (attempt >= ATTEMPTS) {
        throw TransactionCanceledException.builder()
            .message("the transaction collided with others " + ATTEMPTS + " times")
            .cancellationReasons(outcome.reasons())
            .build();
      }
      backOff(attempt);
    }
  }

  /**
   * One attempt: written, cancelled by a failed condition, or cancelled by a collision with another
   * transaction (not written, {@code failedItem} -1), which the caller may handle its own way.
   */
  public static Outcome writeOnce(DynamoDbClient dynamo, List<TransactWriteItem> items) {
    try {
      dynamo.transactWriteItems(t -> t.transactItems(items));
      return Outcome.WRITTEN;
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = List.copyOf(e.cancellationReasons());
      for (int i = 0; i < reasons.size(); i++) {
        if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
          return new Outcome(false, i, reasons);
        }
      }
      return new Outcome(false, -1, reasons);
    }
  }

  private static void backOff(int attempt) {
    long cap = Math.min(500, 5L << Math.min(attempt, 7));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
