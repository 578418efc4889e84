package org.tengen.functions.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.mapper.BeanTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.BeanTableSchemaParams;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Uploads in DynamoDB. */
@ApplicationScoped
public class UploadRepository {

  static final BeanTableSchema<UploadItem> SCHEMA =
      BeanTableSchema.create(
          BeanTableSchemaParams.builder(UploadItem.class).lookup(MethodHandles.lookup()).build());

  private final DynamoDbTable<UploadItem> table;
  private final DynamoDbClient dynamo;
  private final String tableName;

  @Inject
  public UploadRepository(
      DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, TengenConfig config) {
    this.tableName = Tables.UPLOADS.tableName(config.tablePrefix());
    this.table = enhanced.table(tableName, SCHEMA);
    this.dynamo = dynamo;
  }

  public Optional<UploadItem> get(String uploadId) {
    return Optional.ofNullable(table.getItem(Key.builder().partitionValue(uploadId).build()));
  }

  /** Moves a pending upload's expiry on; does nothing to one that is no longer pending. */
  public void extend(UploadItem item) {
    try {
      table.updateItem(
          r ->
              r.item(item)
                  .ignoreNulls(true)
                  .conditionExpression(
                      Expression.builder()
                          .expression("#st = :pending")
                          .putExpressionName("#st", "status")
                          .putExpressionValue(
                              ":pending", AttributeValue.fromS(UploadStatus.PENDING.name()))
                          .build()));
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
      // confirmed meanwhile: the confirm's answer is the one that counts
    }
  }

  /**
   * Claims the right to process a pending upload for {@code lease}: granted when no other confirm
   * holds an unexpired claim. Only the holder writes shards and the verdict ({@link #finishing}),
   * so two concurrent confirms of one upload never both write; a holder that died (a function
   * killed at its timeout) is replaced once its lease has run out, and the lease is longer than any
   * function may run.
   *
   * @return whether the claim is {@code token}'s now
   */
  public boolean claimProcessing(String uploadId, String token, Instant now, Duration lease) {
    try {
      dynamo.updateItem(
          u ->
              u.tableName(tableName)
                  .key(Map.of("upload_id", AttributeValue.fromS(uploadId)))
                  .updateExpression("SET #tok = :tok, #until = :until")
                  .conditionExpression(
                      // the same token: an SDK retry of this very claim whose first answer
                      // was lost
                      "#st = :pending AND (attribute_not_exists(#until) OR #until < :now"
                          + " OR #tok = :tok)")
                  .expressionAttributeNames(
                      Map.of("#st", "status", "#tok", PROCESSING_TOKEN, "#until", PROCESSING_UNTIL))
                  .expressionAttributeValues(
                      Map.of(
                          ":pending", AttributeValue.fromS(UploadStatus.PENDING.name()),
                          ":tok", AttributeValue.fromS(token),
                          ":until",
                              AttributeValue.fromN(Long.toString(now.plus(lease).toEpochMilli())),
                          ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
      return true;
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Gives a processing claim back (a confirm that failed before its verdict), if still held. */
  public void releaseProcessing(String uploadId, String token) {
    try {
      dynamo.updateItem(
          u ->
              u.tableName(tableName)
                  .key(Map.of("upload_id", AttributeValue.fromS(uploadId)))
                  .updateExpression("REMOVE #tok, #until")
                  .conditionExpression("#tok = :tok")
                  .expressionAttributeNames(
                      Map.of("#tok", PROCESSING_TOKEN, "#until", PROCESSING_UNTIL))
                  .expressionAttributeValues(Map.of(":tok", AttributeValue.fromS(token))));
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
      // taken over or finished meanwhile
    }
  }

  /** Attributes of the processing claim; not part of {@link UploadItem}, gone with the verdict. */
  static final String PROCESSING_TOKEN = "processing_token";

  static final String PROCESSING_UNTIL = "processing_until";

  /**
   * The transaction item that writes an upload's verdict, if it is still pending and {@code token}
   * still holds its processing claim. The verdict replaces the item, claim and all.
   */
  public TransactWriteItem finishing(UploadItem item, String token) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(tableName)
                .item(SCHEMA.itemToMap(item, true))
                .conditionExpression("#st = :pending AND #tok = :tok")
                .expressionAttributeNames(Map.of("#st", "status", "#tok", PROCESSING_TOKEN))
                .expressionAttributeValues(
                    Map.of(
                        ":pending",
                        AttributeValue.fromS(UploadStatus.PENDING.name()),
                        ":tok",
                        AttributeValue.fromS(token)))
                .build())
        .build();
  }

  /** Records a new pending upload; ids are random, so a clash means a bug, and fails. */
  public void create(UploadItem item) {
    table.putItem(
        PutItemEnhancedRequest.builder(UploadItem.class)
            .item(item)
            .conditionExpression(
                Expression.builder().expression("attribute_not_exists(upload_id)").build())
            .build());
  }
}
