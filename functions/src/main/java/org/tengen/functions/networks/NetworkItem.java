package org.tengen.functions.networks;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A network of a run in the {@code networks} table (core's Tables.NETWORKS); {@code status} is a
 * {@link org.tengen.core.api.NetworkStatus}'s name.
 */
@DynamoDbBean
public class NetworkItem {
  private String run;
  private String name;
  private String status;
  private String sha256;
  private long bytes;
  private String parent;
  private long samples;
  private long rows;
  private long steps;
  private Double elo;
  private Double eloLower;
  private Double eloUpper;
  private String decision;
  private String decidedAgainst;
  private String decidedAt;
  private String createdAt;
  private boolean enabled = true;
  private Long version;

  @DynamoDbPartitionKey
  @DynamoDbAttribute("run")
  public String getRun() {
    return run;
  }

  public void setRun(String run) {
    this.run = run;
  }

  @DynamoDbSortKey
  @DynamoDbAttribute("name")
  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  @DynamoDbAttribute("status")
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  @DynamoDbAttribute("sha256")
  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }

  @DynamoDbAttribute("bytes")
  public long getBytes() {
    return bytes;
  }

  public void setBytes(long bytes) {
    this.bytes = bytes;
  }

  @DynamoDbAttribute("parent")
  public String getParent() {
    return parent;
  }

  public void setParent(String parent) {
    this.parent = parent;
  }

  @DynamoDbAttribute("samples")
  public long getSamples() {
    return samples;
  }

  public void setSamples(long samples) {
    this.samples = samples;
  }

  @DynamoDbAttribute("rows")
  public long getRows() {
    return rows;
  }

  public void setRows(long rows) {
    this.rows = rows;
  }

  @DynamoDbAttribute("steps")
  public long getSteps() {
    return steps;
  }

  public void setSteps(long steps) {
    this.steps = steps;
  }

  @DynamoDbAttribute("elo")
  public Double getElo() {
    return elo;
  }

  public void setElo(Double elo) {
    this.elo = elo;
  }

  @DynamoDbAttribute("elo_lower")
  public Double getEloLower() {
    return eloLower;
  }

  public void setEloLower(Double eloLower) {
    this.eloLower = eloLower;
  }

  @DynamoDbAttribute("elo_upper")
  public Double getEloUpper() {
    return eloUpper;
  }

  public void setEloUpper(Double eloUpper) {
    this.eloUpper = eloUpper;
  }

  /** Why the network was released or rejected. */
  @DynamoDbAttribute("decision")
  public String getDecision() {
    return decision;
  }

  public void setDecision(String decision) {
    this.decision = decision;
  }

  @DynamoDbAttribute("created_at")
  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  @DynamoDbAttribute("enabled")
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @DynamoDbVersionAttribute
  @DynamoDbAttribute("version")
  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
  }

  /** The baseline the release decision was taken against. */
  @DynamoDbAttribute("decided_against")
  public String getDecidedAgainst() {
    return decidedAgainst;
  }

  public void setDecidedAgainst(String decidedAgainst) {
    this.decidedAgainst = decidedAgainst;
  }

  /** When the release decision was taken (ISO-8601). */
  @DynamoDbAttribute("decided_at")
  public String getDecidedAt() {
    return decidedAt;
  }

  public void setDecidedAt(String decidedAt) {
    this.decidedAt = decidedAt;
  }
}
