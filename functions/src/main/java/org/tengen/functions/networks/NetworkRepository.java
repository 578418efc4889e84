package org.tengen.functions.networks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.invoke.MethodHandles;
import java.util.List;
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
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Networks in DynamoDB; registration is conditional, updates are versioned. */
@ApplicationScoped
public class NetworkRepository {

  static final BeanTableSchema<NetworkItem> SCHEMA =
      BeanTableSchema.create(
          BeanTableSchemaParams.builder(NetworkItem.class).lookup(MethodHandles.lookup()).build());

  private final DynamoDbTable<NetworkItem> table;

  @Inject
  public NetworkRepository(DynamoDbEnhancedClient enhanced, TengenConfig config) {
    this.table = enhanced.table(Tables.NETWORKS.tableName(config.tablePrefix()), SCHEMA);
  }

  public Optional<NetworkItem> get(String run, String name) {
    return Optional.ofNullable(
        table.getItem(Key.builder().partitionValue(run).sortValue(name).build()));
  }

  /** Every network of a run, in name order. */
  public List<NetworkItem> list(String run) {
    return table
        .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(run).build()))
        .items()
        .stream()
        .toList();
  }

  /** Adds a versioned update of the item to a transaction (it fails if the item changed). */
  public void addUpdate(
      software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest.Builder
          transaction,
      NetworkItem item) {
    transaction.addUpdateItem(table, item);
  }

  public void create(NetworkItem item) {
    try {
      table.putItem(
          PutItemEnhancedRequest.builder(NetworkItem.class)
              .item(item)
              .conditionExpression(
                  Expression.builder()
                      .expression("attribute_not_exists(#n)")
                      .putExpressionName("#n", "name")
                      .build())
              .build());
    } catch (ConditionalCheckFailedException e) {
      throw new ApiException(
          ErrorCode.NETWORK_EXISTS, "network '" + item.getName() + "' is registered already");
    }
  }

  public void update(NetworkItem item) {
    try {
      table.updateItem(item);
    } catch (ConditionalCheckFailedException e) {
      throw new ApiException(
          ErrorCode.CONCURRENT_UPDATE, "network '" + item.getName() + "' changed meanwhile; retry");
    }
  }
}
