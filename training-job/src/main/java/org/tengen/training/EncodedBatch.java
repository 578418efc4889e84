package org.tengen.training;

import java.util.List;
import java.util.SplittableRandom;
import org.tengen.core.go.Symmetry;
import org.tengen.core.shard.TrainingShard;
import org.tengen.network.features.Features;

/**
 * A batch as arrays for the network: inputs through the feature encoder, targets from the shard,
 * each position seen through one of the 8 symmetries, the same one for its inputs, its policy and
 * its ownership (pass and the scalar targets do not move). {@code scoreWeight} is 0 for positions
 * of games that were not counted (resigned): their score and ownership targets say nothing.
 *
 * <p>{@code opponentPolicy} is the next row's policy target when the next row is the same game's
 * next position (the search's answer for the opponent), seen through this row's symmetry; {@code
 * opponentWeight} is that row's policy weight, 0 at a game's last position.
 */
public record EncodedBatch(
    int n,
    int size,
    float[] spatial,
    float[] global,
    float[] policy,
    float[] policyWeight,
    float[] value,
    float[] score,
    float[] ownership,
    float[] scoreWeight,
    float[] opponentPolicy,
    float[] opponentWeight) {

  /**
   * @param random draws each position's symmetry; null keeps every position as it is (held-out
   *     evaluation)
   */
  public static EncodedBatch of(
      Batches.Batch batch, List<ShardData.Shard> shards, SplittableRandom random) {
    Symmetry[] all = Symmetry.values();
    Symmetry[] chosen = new Symmetry[batch.size()];
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = random == null ? Symmetry.IDENTITY : all[random.nextInt(all.length)];
    }
    return of(batch, shards, chosen);
  }

  /** The batch with each position seen through the given symmetry. */
  public static EncodedBatch of(
      Batches.Batch batch, List<ShardData.Shard> shards, Symmetry[] symmetries) {
    int n = batch.size();
    int size = batch.boardSize();
    int s2 = size * size;
    float[] spatial = new float[n * Features.SPATIAL * s2];
    float[] global = new float[n * Features.GLOBAL];
    float[] policy = new float[n * (s2 + 1)];
    float[] weight = new float[n];
    float[] value = new float[n];
    float[] score = new float[n];
    float[] ownership = new float[n * s2];
    float[] scoreWeight = new float[n];
    float[] opponent = new float[n * (s2 + 1)];
    float[] opponentWeight = new float[n];
    for (int i = 0; i < n; i++) {
      TrainingShard shard = shards.get(batch.shards()[i]).data();
      int row = batch.rows()[i];
      Symmetry sym = symmetries[i];
      Features.encode(
          Features.of(shard, row),
          sym,
          size,
          spatial,
          i * Features.SPATIAL * s2,
          global,
          i * Features.GLOBAL);
      int[] map = sym.indexMap(size);
      for (int p = 0; p < s2; p++) {
        policy[i * (s2 + 1) + map[p]] = shard.policy()[row * (s2 + 1) + p];
        ownership[i * s2 + map[p]] = shard.ownership()[row * s2 + p];
      }
      policy[i * (s2 + 1) + s2] = shard.policy()[row * (s2 + 1) + s2];
      weight[i] = shard.policyWeight()[row];
      value[i] = shard.value()[row];
      score[i] = shard.score()[row];
      scoreWeight[i] = shard.scoreWeight()[row];
      int next = row + 1;
      if (next < shard.rows()
          && shard.gameIndex()[next] == shard.gameIndex()[row]
          && shard.moveNumber()[next] == shard.moveNumber()[row] + 1) {
        for (int p = 0; p < s2; p++) {
          opponent[i * (s2 + 1) + map[p]] = shard.policy()[next * (s2 + 1) + p];
        }
        opponent[i * (s2 + 1) + s2] = shard.policy()[next * (s2 + 1) + s2];
        opponentWeight[i] = shard.policyWeight()[next];
      }
    }
    return new EncodedBatch(
        n,
        size,
        spatial,
        global,
        policy,
        weight,
        value,
        score,
        ownership,
        scoreWeight,
        opponent,
        opponentWeight);
  }
}
