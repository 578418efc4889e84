package org.tengen.core.record;

import java.util.List;

/** Lets tests of other packages use the random valid games. */
public final class TestGamesAccess {
  private TestGamesAccess() {}

  public static GameRecord game(int size, long seed) {
    return TestGames.game(size, seed);
  }

  public static List<GameRecord> games(int count, int size, long seed) {
    return TestGames.batch(count, size, seed).games();
  }

  public static String network() {
    return TestGames.NETWORK;
  }
}
