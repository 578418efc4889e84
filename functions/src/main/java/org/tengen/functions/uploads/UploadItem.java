package org.tengen.functions.uploads;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * An upload in the {@code uploads} table: created PENDING when a task hands out its presigned PUT,
 * expiring (TTL) with the object unless confirmed.
 */
@DynamoDbBean
public class UploadItem {
  private String uploadId;
  private String contributor;
  private String run;
  private String network;
  private int boardSize;
  private String rules;
  private Double komi;
  private Integer gamesPerBatch;
  private String status;
  private String contentHash;
  private String createdAt;
  private Long expiresAt;
  private Long shard;
  private Integer games;
  private Integer positions;
  private String duplicateOf;
  private java.util.List<String> reasons;
  private String finishedAt;

  @DynamoDbPartitionKey
  @DynamoDbAttribute("upload_id")
  public String getUploadId() {
    return uploadId;
  }

  public void setUploadId(String uploadId) {
    this.uploadId = uploadId;
  }

  @DynamoDbAttribute("contributor")
  public String getContributor() {
    return contributor;
  }

  public void setContributor(String contributor) {
    this.contributor = contributor;
  }

  @DynamoDbAttribute("run")
  public String getRun() {
    return run;
  }

  public void setRun(String run) {
    this.run = run;
  }

  @DynamoDbAttribute("network")
  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  @DynamoDbAttribute("board_size")
  public int getBoardSize() {
    return boardSize;
  }

  public void setBoardSize(int boardSize) {
    this.boardSize = boardSize;
  }

  /**
   * The run's rules when the task was handed out; null where its self-play variety draws the rules
   * per game, and on items written before it was kept.
   */
  @DynamoDbAttribute("rules")
  public String getRules() {
    return rules;
  }

  public void setRules(String rules) {
    this.rules = rules;
  }

  /** The task's komi; null where its self-play variety draws komi per game. */
  @DynamoDbAttribute("komi")
  public Double getKomi() {
    return komi;
  }

  public void setKomi(Double komi) {
    this.komi = komi;
  }

  /** The games a batch of the task holds at most. */
  @DynamoDbAttribute("games_per_batch")
  public Integer getGamesPerBatch() {
    return gamesPerBatch;
  }

  public void setGamesPerBatch(Integer gamesPerBatch) {
    this.gamesPerBatch = gamesPerBatch;
  }

  @DynamoDbAttribute("status")
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  @DynamoDbAttribute("content_hash")
  public String getContentHash() {
    return contentHash;
  }

  public void setContentHash(String contentHash) {
    this.contentHash = contentHash;
  }

  @DynamoDbAttribute("created_at")
  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  @DynamoDbAttribute("shard")
  public Long getShard() {
    return shard;
  }

  public void setShard(Long shard) {
    this.shard = shard;
  }

  @DynamoDbAttribute("games")
  public Integer getGames() {
    return games;
  }

  public void setGames(Integer games) {
    this.games = games;
  }

  @DynamoDbAttribute("positions")
  public Integer getPositions() {
    return positions;
  }

  public void setPositions(Integer positions) {
    this.positions = positions;
  }

  @DynamoDbAttribute("duplicate_of")
  public String getDuplicateOf() {
    return duplicateOf;
  }

  public void setDuplicateOf(String duplicateOf) {
    this.duplicateOf = duplicateOf;
  }

  /** Rejection reasons as "CODE at path: message" lines. */
  @DynamoDbAttribute("reasons")
  public java.util.List<String> getReasons() {
    return reasons;
  }

  public void setReasons(java.util.List<String> reasons) {
    this.reasons = reasons;
  }

  /** Epoch seconds: DynamoDB's TTL deletes the item after that. */
  @DynamoDbAttribute("expires_at")
  public Long getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(Long expiresAt) {
    this.expiresAt = expiresAt;
  }

  @DynamoDbAttribute("finished_at")
  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }

  private String processingToken;

  /** This confirm's processing claim ({@link UploadRepository#claimProcessing}); not stored. */
  @software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbIgnore
  public String getProcessingToken() {
    return processingToken;
  }

  public void setProcessingToken(String processingToken) {
    this.processingToken = processingToken;
  }
}
