package org.tengen.functions.contributors;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;

/** A contributor in the {@code contributors} table (core's Tables.CONTRIBUTORS). */
@DynamoDbBean
public class ContributorItem {
  private String contributor;
  private String keyHash;
  private boolean enabled;
  private String createdAt;
  private Long version;

  @DynamoDbPartitionKey
  @DynamoDbAttribute("contributor")
  public String getContributor() {
    return contributor;
  }

  public void setContributor(String contributor) {
    this.contributor = contributor;
  }

  @DynamoDbSecondaryPartitionKey(indexNames = "by_key_hash")
  @DynamoDbAttribute("key_hash")
  public String getKeyHash() {
    return keyHash;
  }

  public void setKeyHash(String keyHash) {
    this.keyHash = keyHash;
  }

  @DynamoDbAttribute("enabled")
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @DynamoDbAttribute("created_at")
  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  @DynamoDbVersionAttribute
  @DynamoDbAttribute("version")
  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
  }
}
