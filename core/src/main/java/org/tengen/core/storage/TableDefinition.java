package org.tengen.core.storage;

import java.util.List;
import java.util.Optional;

/**
 * A DynamoDB table as data: its base name (the deployment adds a prefix), keys, global secondary
 * indexes and time-to-live attribute. The functions, the local cloud and the CDK stack all create
 * or use tables from these definitions, so they cannot drift apart.
 */
public record TableDefinition(
    String baseName,
    Key partitionKey,
    Optional<Key> sortKey,
    List<Index> indexes,
    Optional<String> ttlAttribute,
    String purpose) {

  /** Attribute types DynamoDB keys can have. */
  public enum KeyType {
    STRING,
    NUMBER
  }

  /** A key attribute. */
  public record Key(String name, KeyType type) {
    public static Key string(String name) {
      return new Key(name, KeyType.STRING);
    }
  }

  /** A global secondary index projecting all attributes. */
  public record Index(String name, Key partitionKey, Optional<Key> sortKey) {}

  public TableDefinition {
    indexes = List.copyOf(indexes);
  }

  /**
   * Every attribute used as a key of the table or of an index, once each, table keys first: what a
   * CreateTable call must define.
   */
  public List<Key> keyAttributes() {
    java.util.Map<String, Key> byName = new java.util.LinkedHashMap<>();
    byName.put(partitionKey.name(), partitionKey);
    sortKey.ifPresent(k -> byName.putIfAbsent(k.name(), k));
    for (Index index : indexes) {
      byName.putIfAbsent(index.partitionKey().name(), index.partitionKey());
      index.sortKey().ifPresent(k -> byName.putIfAbsent(k.name(), k));
    }
    return List.copyOf(byName.values());
  }

  /** The table's name in a deployment, e.g. {@code tengen-dev-runs}. */
  public String tableName(String prefix) {
    return prefix.isEmpty() ? baseName : prefix + "-" + baseName;
  }
}
