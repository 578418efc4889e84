package org.tengen.functions.contributors;

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

/** Contributors in DynamoDB; every state change is a conditional write. */
@ApplicationScoped
public class ContributorRepository {

  // TableSchema.fromBean fails under Quarkus class loading (docs/pitfalls.md): build it with a
  // lookup.
  static final BeanTableSchema<ContributorItem> SCHEMA =
      BeanTableSchema.create(
          BeanTableSchemaParams.builder(ContributorItem.class)
              .lookup(MethodHandles.lookup())
              .build());

  private final DynamoDbTable<ContributorItem> table;

  @Inject
  public ContributorRepository(DynamoDbEnhancedClient enhanced, TengenConfig config) {
    this.table = enhanced.table(Tables.CONTRIBUTORS.tableName(config.tablePrefix()), SCHEMA);
  }

  public Optional<ContributorItem> get(String contributor) {
    return Optional.ofNullable(table.getItem(Key.builder().partitionValue(contributor).build()));
  }

  public Optional<ContributorItem> byKeyHash(String keyHash) {
    return table
        .index("by_key_hash")
        .query(QueryConditional.keyEqualTo(k -> k.partitionValue(keyHash)))
        .stream()
        .flatMap(page -> page.items().stream())
        .findFirst();
  }

  /** The ids of every disabled contributor (a filtered scan: the table is small, the call rare). */
  public List<String> disabled() {
    return table
        .scan(
            r ->
                r.filterExpression(
                    software.amazon.awssdk.enhanced.dynamodb.Expression.builder()
                        .expression("#e = :f")
                        .putExpressionName("#e", "enabled")
                        .putExpressionValue(
                            ":f",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(
                                false))
                        .build()))
        .items()
        .stream()
        .map(ContributorItem::getContributor)
        .sorted()
        .toList();
  }

  /** Creates a contributor; a second one with the same id is refused. */
  public void create(ContributorItem item) {
    try {
      table.putItem(
          PutItemEnhancedRequest.builder(ContributorItem.class)
              .item(item)
              .conditionExpression(
                  Expression.builder().expression("attribute_not_exists(contributor)").build())
              .build());
    } catch (ConditionalCheckFailedException e) {
      throw new ApiException(
          ErrorCode.CONTRIBUTOR_EXISTS,
          "contributor '" + item.getContributor() + "' exists already");
    }
  }

  /** Saves a changed contributor; fails if someone else changed it since it was read. */
  public void update(ContributorItem item) {
    try {
      table.updateItem(item);
    } catch (ConditionalCheckFailedException e) {
      throw new ApiException(
          ErrorCode.CONCURRENT_UPDATE,
          "contributor '" + item.getContributor() + "' changed meanwhile; retry");
    }
  }
}
