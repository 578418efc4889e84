package org.tengen.functions.runs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.invoke.MethodHandles;
import java.util.Optional;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.storage.Tables;
import org.tengen.functions.config.TengenConfig;
import org.tengen.functions.error.ApiException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.mapper.BeanTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.BeanTableSchemaParams;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Runs in DynamoDB; creation is conditional, updates are versioned. */
@ApplicationScoped
public class RunRepository {

  static final BeanTableSchema<RunItem> SCHEMA =
      BeanTableSchema.create(
          BeanTableSchemaParams.builder(RunItem.class).lookup(MethodHandles.lookup()).build());

  private final DynamoDbTable<RunItem> table;

  @Inject
  public RunRepository(DynamoDbEnhancedClient enhanced, TengenConfig config) {
    this.table = enhanced.table(Tables.RUNS.tableName(config.tablePrefix()), SCHEMA);
  }

  public Optional<RunItem> get(String run) {
    return Optional.ofNullable(table.getItem(Key.builder().partitionValue(run).build()));
  }

  /** Saves a changed run; fails if someone else changed it since it was read. */
  public void update(RunItem item) {
    try {
      table.updateItem(item);
    } catch (ConditionalCheckFailedException e) {
      throw new ApiException(
          ErrorCode.CONCURRENT_UPDATE, "run '" + item.getRun() + "' changed meanwhile; retry");
    }
  }

  /** Adds a versioned update of the item to a transaction (it fails if the item changed). */
  public void addUpdate(
      software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest.Builder
          transaction,
      RunItem item) {
    transaction.addUpdateItem(table, item);
  }

  public void create(RunItem item) {
    try {
      table.putItem(
          PutItemEnhancedRequest.builder(RunItem.class)
              .item(item)
              .conditionExpression(
                  Expression.builder().expression("attribute_not_exists(run)").build())
              .build());
    } catch (ConditionalCheckFailedException e) {
      throw new ApiException(ErrorCode.RUN_EXISTS, "run '" + item.getRun() + "' exists already");
    }
  }
}
