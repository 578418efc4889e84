package org.tengen.functions.runs;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** A training run in the {@code runs} table (core's Tables.RUNS). */
@DynamoDbBean
public class RunItem {
  private String run;
  private String curriculum;
  private String rules;
  private double komi;
  private int gamesPerBatch;
  private String state;
  private String currentNetwork;
  private long shards;
  private String createdAt;
  private String releasePolicy;
  private String selfPlayVariety;
  private String selfPlaySearch;
  private Long version;

  @DynamoDbPartitionKey
  @DynamoDbAttribute("run")
  public String getRun() {
    return run;
  }

  public void setRun(String run) {
    this.run = run;
  }

  @DynamoDbAttribute("curriculum")
  public String getCurriculum() {
    return curriculum;
  }

  public void setCurriculum(String curriculum) {
    this.curriculum = curriculum;
  }

  @DynamoDbAttribute("rules")
  public String getRules() {
    return rules;
  }

  public void setRules(String rules) {
    this.rules = rules;
  }

  @DynamoDbAttribute("komi")
  public double getKomi() {
    return komi;
  }

  public void setKomi(double komi) {
    this.komi = komi;
  }

  @DynamoDbAttribute("games_per_batch")
  public int getGamesPerBatch() {
    return gamesPerBatch;
  }

  public void setGamesPerBatch(int gamesPerBatch) {
    this.gamesPerBatch = gamesPerBatch;
  }

  @DynamoDbAttribute("state")
  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  @DynamoDbAttribute("current_network")
  public String getCurrentNetwork() {
    return currentNetwork;
  }

  public void setCurrentNetwork(String currentNetwork) {
    this.currentNetwork = currentNetwork;
  }

  @DynamoDbAttribute("shards")
  public long getShards() {
    return shards;
  }

  public void setShards(long shards) {
    this.shards = shards;
  }

  /** ReleasePolicy text (core); null means the default SPRT policy. */
  @DynamoDbAttribute("release_policy")
  public String getReleasePolicy() {
    return releasePolicy;
  }

  public void setReleasePolicy(String releasePolicy) {
    this.releasePolicy = releasePolicy;
  }

  /** Variety text (core); null (runs created before it) means none. */
  @DynamoDbAttribute("self_play_variety")
  public String getSelfPlayVariety() {
    return selfPlayVariety;
  }

  public void setSelfPlayVariety(String selfPlayVariety) {
    this.selfPlayVariety = selfPlayVariety;
  }

  /** SearchSettings text (core); null (runs created before it) means KataGo's. */
  @DynamoDbAttribute("self_play_search")
  public String getSelfPlaySearch() {
    return selfPlaySearch;
  }

  public void setSelfPlaySearch(String selfPlaySearch) {
    this.selfPlaySearch = selfPlaySearch;
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
