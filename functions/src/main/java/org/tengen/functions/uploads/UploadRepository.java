package org.tengen.functions.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.invoke.MethodHandles;
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

/** Uploads in DynamoDB. */
@ApplicationScoped
public class UploadRepository {

  static final BeanTableSchema<UploadItem> SCHEMA =
      BeanTableSchema.create(
          BeanTableSchemaParams.builder(UploadItem.class).lookup(MethodHandles.lookup()).build());

  private final DynamoDbTable<UploadItem> table;

  @Inject
  public UploadRepository(DynamoDbEnhancedClient enhanced, TengenConfig config) {
    this.table = enhanced.table(Tables.UPLOADS.tableName(config.tablePrefix()), SCHEMA);
  }

  public Optional<UploadItem> get(String uploadId) {
    return Optional.ofNullable(table.getItem(Key.builder().partitionValue(uploadId).build()));
  }

  /** Saves the upload (unconditionally: only its own confirm writes it after creation). */
  public void save(UploadItem item) {
    table.putItem(item);
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
