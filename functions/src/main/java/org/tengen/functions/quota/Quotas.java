package org.tengen.functions.quota;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Per-contributor quotas, kept in the counters table under {@code quota#<contributor>}: uploads per
 * clock hour ({@code uploads#2026-11-24T17}) and uploaded bytes per day ({@code bytes#2026-11-24}).
 * An upload is taken with one conditional {@code ADD}, so concurrent workers of one contributor
 * never get past the limit together. Bytes are counted in the transaction that records an upload's
 * verdict (exactly once, retries and all) and checked before work is handed out and before a batch
 * is read: a contributor may go over by the batches in flight, never further.
 */
@ApplicationScoped
public class Quotas {

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  @Inject DynamoDbClient dynamo;
  @Inject TengenConfig config;

  static String scope(String contributor) {
    return "quota#" + contributor;
  }

  private String table() {
    return Tables.COUNTERS.tableName(config.tablePrefix());
  }

  private static Map<String, AttributeValue> key(String contributor, String period) {
    return Map.of(
        "scope", AttributeValue.fromS(scope(contributor)), "period", AttributeValue.fromS(period));
  }

  /** Seconds from {@code now} to the end of its hour or day (at least 1). */
  static long secondsUntil(Instant now, ChronoUnit unit) {
    Instant end = now.truncatedTo(unit).plus(1, unit);
    return Math.max(1, Duration.between(now, end).toSeconds());
  }

  /** Takes one upload of the contributor's hourly quota, or answers 429 QUOTA_UPLOADS. */
  public void takeUpload(ContributorId contributor, Instant now) {
    take(contributor, "uploads", config.quota().uploadsPerHour(), ErrorCode.QUOTA_UPLOADS, now);
  }

  /** Takes one rating task of the contributor's hourly quota, or answers 429 QUOTA_CALLS. */
  public void takeRatingTask(ContributorId contributor, Instant now) {
    take(contributor, "rating", config.quota().ratingTasksPerHour(), ErrorCode.QUOTA_CALLS, now);
  }

  /** Takes one renewUpload of the contributor's hourly quota, or answers 429 QUOTA_CALLS. */
  public void takeRenewal(ContributorId contributor, Instant now) {
    take(contributor, "renewals", config.quota().renewalsPerHour(), ErrorCode.QUOTA_CALLS, now);
  }

  /** Takes one stats call of the contributor's hourly quota, or answers 429 QUOTA_CALLS. */
  public void takeStats(ContributorId contributor, Instant now) {
    take(contributor, "stats", config.quota().statsPerHour(), ErrorCode.QUOTA_CALLS, now);
  }

  /**
   * Counts one {@code what} in the contributor's item of this hour, conditionally: at the limit the
   * count stays and the call is answered 429 with the seconds to the next hour.
   */
  private void take(
      ContributorId contributor, String what, int limit, ErrorCode code, Instant now) {
    try {
      dynamo.updateItem(
          u ->
              u.tableName(table())
                  .key(key(contributor.value(), what + "#" + HOUR.format(now)))
                  .updateExpression("ADD #n :one")
                  .conditionExpression("attribute_not_exists(#n) OR #n < :limit")
                  .expressionAttributeNames(Map.of("#n", what))
                  .expressionAttributeValues(
                      Map.of(
                          ":one", AttributeValue.fromN("1"),
                          ":limit", AttributeValue.fromN(Integer.toString(limit)))));
    } catch (ConditionalCheckFailedException e) {
      long wait = secondsUntil(now, ChronoUnit.HOURS);
      throw new ApiException(
          code,
          contributor
              + " has had its "
              + limit
              + " "
              + what
              + " of this hour; more in "
              + wait
              + " s",
          Map.of("limit", limit, "quota", what, "retryAfterSeconds", wait),
          wait);
    }
  }

  /** Answers 429 QUOTA_BYTES when the contributor's bytes of today reached the quota. */
  public void checkBytes(ContributorId contributor, Instant now) {
    long limit = config.quota().bytesPerDay();
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                g ->
                    g.tableName(table())
                        .key(key(contributor.value(), "bytes#" + DAY.format(now)))
                        .consistentRead(true))
            .item();
    AttributeValue used = item == null ? null : item.get("bytes");
    if (used != null && Long.parseLong(used.n()) >= limit) {
      long wait = secondsUntil(now, ChronoUnit.DAYS);
      throw new ApiException(
          ErrorCode.QUOTA_BYTES,
          contributor
              + " has uploaded "
              + used.n()
              + " bytes today, the quota is "
              + limit
              + "; more in "
              + wait
              + " s",
          Map.of("limit", limit, "used", Long.parseLong(used.n()), "retryAfterSeconds", wait),
          wait);
    }
  }

  /** The update counting an upload's bytes, for the transaction that records its verdict. */
  public TransactWriteItem countBytes(String contributor, long bytes, Instant at) {
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table())
                .key(key(contributor, "bytes#" + DAY.format(at)))
                .updateExpression("ADD #b :b")
                .expressionAttributeNames(Map.of("#b", "bytes"))
                .expressionAttributeValues(Map.of(":b", AttributeValue.fromN(Long.toString(bytes))))
                .build())
        .build();
  }
}
