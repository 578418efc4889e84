package org.tengen.core.record;

import java.util.Set;
import java.util.TreeSet;
import org.tengen.core.go.Board;

/**
 * The limits uploads are checked against; every one is configuration.
 *
 * @param minPositions fewest positions a game may have (the seed: more than 10)
 * @param maxPositions most positions a game may have (the seed: fewer than 500)
 * @param maxGamesPerBatch most games in one upload
 * @param boardSizes board sizes accepted
 * @param policyTolerance how far a policy's sum may be from 1
 * @param maxDocumentBytes largest uncompressed document
 */
public record ValidationLimits(
    int minPositions,
    int maxPositions,
    int maxGamesPerBatch,
    Set<Integer> boardSizes,
    double policyTolerance,
    long maxDocumentBytes) {

  public ValidationLimits {
    boardSizes = Set.copyOf(new TreeSet<>(boardSizes));
    if (minPositions < 1 || maxPositions < minPositions) {
      throw new IllegalArgumentException(
          "positions limits " + minPositions + ".." + maxPositions + " are not a range from 1");
    }
    if (maxGamesPerBatch < 1) {
      throw new IllegalArgumentException("maxGamesPerBatch must be at least 1");
    }
    for (int s : boardSizes) {
      if (s < Board.MIN_SIZE || s > Board.MAX_SIZE) {
        throw new IllegalArgumentException("board size " + s + " cannot be played");
      }
    }
    if (!(policyTolerance > 0 && policyTolerance < 0.5)) {
      throw new IllegalArgumentException("policyTolerance must lie in (0, 0.5)");
    }
    if (maxDocumentBytes < 1024) {
      throw new IllegalArgumentException("maxDocumentBytes must be at least 1024");
    }
  }

  /**
   * The defaults: 11 to 499 positions, 64 games per batch, boards 7..19, policy sums within 1e-3,
   * documents up to 256 MiB (25 full 19x19 games of 499 positions take about 80 MB).
   */
  public static ValidationLimits defaults() {
    Set<Integer> sizes = new TreeSet<>();
    for (int s = 7; s <= 19; s++) {
      sizes.add(s);
    }
    return new ValidationLimits(11, 499, 64, sizes, 1e-3, 256L << 20);
  }

  public ValidationLimits withBoardSizes(Set<Integer> sizes) {
    return new ValidationLimits(
        minPositions, maxPositions, maxGamesPerBatch, sizes, policyTolerance, maxDocumentBytes);
  }

  public ValidationLimits withPositions(int min, int max) {
    return new ValidationLimits(
        min, max, maxGamesPerBatch, boardSizes, policyTolerance, maxDocumentBytes);
  }

  public ValidationLimits withMaxGamesPerBatch(int max) {
    return new ValidationLimits(
        minPositions, maxPositions, max, boardSizes, policyTolerance, maxDocumentBytes);
  }

  public ValidationLimits withMaxDocumentBytes(long max) {
    return new ValidationLimits(
        minPositions, maxPositions, maxGamesPerBatch, boardSizes, policyTolerance, max);
  }
}
