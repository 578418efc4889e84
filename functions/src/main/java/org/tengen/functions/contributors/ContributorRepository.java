package org.tengen.functions.contributors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tengen.core.api.ErrorCode;
import org.tengen.core.storage.CounterKeys;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
  private final DynamoDbClient dynamo;
  private final String countersTable;

  @Inject
  public ContributorRepository(
      DynamoDbEnhancedClient enhanced, DynamoDbClient dynamo, TengenConfig config) {
    this.table = enhanced.table(Tables.CONTRIBUTORS.tableName(config.tablePrefix()), SCHEMA);
    this.dynamo = dynamo;
    this.countersTable = Tables.COUNTERS.tableName(config.tablePrefix());
  }

  public Optional<ContributorItem> get(String contributor) {
    return Optional.ofNullable(table.getItem(Key.builder().partitionValue(contributor).build()));
  }

  /**
   * The contributor whose key has this hash, as the table holds it now. The key-hash index is read
   * eventually consistently, so the item it names is read again, consistently, and must still carry
   * the hash: a key rotated away or a contributor disabled a moment ago is refused at its next
   * request, not a moment later.
   */
  public Optional<ContributorItem> byKeyHash(String keyHash) {
    Optional<ContributorItem> indexed =
        table
            .index("by_key_hash")
            .query(QueryConditional.keyEqualTo(k -> k.partitionValue(keyHash)))
            .stream()
            .flatMap(page -> page.items().stream())
            .findFirst();
    if (indexed.isEmpty()) {
      return Optional.empty();
    }
    ContributorItem now =
        table.getItem(
            r ->
                r.key(Key.builder().partitionValue(indexed.get().getContributor()).build())
                    .consistentRead(true));
    return now != null && keyHash.equals(now.getKeyHash()) ? Optional.of(now) : Optional.empty();
  }

  /**
   * The ids of every disabled contributor: one item in the counters table ({@link
   * CounterKeys#DISABLED}), kept by {@link #disable}. Not a scan of this table, which the
   * functions' role may not do (and which would grow with every contributor).
   */
  public List<String> disabled() {
    var item =
        dynamo
            .getItem(
                r ->
                    r.tableName(countersTable)
                        .key(disabledKey())
                        .consistentRead(true)
                        .projectionExpression(CounterKeys.IDS))
            .item();
    if (item == null || !item.containsKey(CounterKeys.IDS)) {
      return List.of();
    }
    return item.get(CounterKeys.IDS).ss().stream().sorted().toList();
  }

  /**
   * Disables a contributor: first its id joins the disabled set (training leaves its shards out
   * from then on), then the contributor item changes (its key stops working). A failure between the
   * two leaves it excluded but able to call, never the reverse; a retry completes it.
   */
  public void disable(ContributorItem item) {
    dynamo.updateItem(
        r ->
            r.tableName(countersTable)
                .key(disabledKey())
                .updateExpression("ADD #ids :id")
                .expressionAttributeNames(Map.of("#ids", CounterKeys.IDS))
                .expressionAttributeValues(
                    Map.of(":id", AttributeValue.fromSs(List.of(item.getContributor())))));
    item.setEnabled(false);
    update(item);
  }

  private static Map<String, AttributeValue> disabledKey() {
    return Map.of(
        CounterKeys.SCOPE, AttributeValue.fromS(CounterKeys.CONTRIBUTORS),
        CounterKeys.PERIOD, AttributeValue.fromS(CounterKeys.DISABLED));
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
