package org.tengen.functions.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.invoke.MethodHandles;
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
  private final String tableName;

  @Inject
  public UploadRepository(DynamoDbEnhancedClient enhanced, TengenConfig config) {
    this.tableName = Tables.UPLOADS.tableName(config.tablePrefix());
    this.table = enhanced.table(tableName, SCHEMA);
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

  /** The transaction item that writes an upload's verdict, if it is still pending. */
  public TransactWriteItem finishing(UploadItem item) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(tableName)
                .item(SCHEMA.itemToMap(item, true))
                .conditionExpression("#st = :pending")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(
                    Map.of(":pending", AttributeValue.fromS(UploadStatus.PENDING.name())))
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
