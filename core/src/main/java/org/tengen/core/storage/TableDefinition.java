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

  /** The table's name in a deployment, e.g. {@code tengen-dev-runs}. */
  public String tableName(String prefix) {
    return prefix.isEmpty() ? baseName : prefix + "-" + baseName;
  }
}
