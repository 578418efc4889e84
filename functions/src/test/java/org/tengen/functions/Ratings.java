package org.tengen.functions;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.tengen.core.go.Color;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Move;

/**
 * Rating tasks and the records a worker reports for them, built so that the backend's own count
 * gives each game the outcome a test wants: a game Black wins is Black filling every point that is
 * not on an even row and an even column (a wall with an eye at each of those) while White passes; a
 * game White wins is two passes on the empty board (komi).
 */
final class Ratings {

  private Ratings() {}

  /** A rating task of the run's candidate for {@code worker}. */
  static JsonPath task(String worker, String run) {
    return TestApi.call(worker, "nextTask", "{\"run\":\"" + run + "\",\"prefer\":\"rating\"}")
        .statusCode(200)
        .body("kind", equalTo("rating"))
        .extract()
        .jsonPath();
  }

  /** The moves of a game {@code winner} wins on a board of {@code size}. */
  static List<String> moves(int size, Color winner) {
    List<String> moves = new ArrayList<>();
    if (winner == Color.BLACK) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          if (x % 2 == 1 || y % 2 == 1) {
            moves.add(new Move(x, y).toGtp(size));
            moves.add("pass");
          }
        }
      }
    } else {
      moves.add("pass");
    }
    moves.add("pass");
    return moves;
  }

  /** The result the backend counts for {@link #moves}. */
  static String result(int size, double komi, Color winner) {
    return (winner == Color.BLACK
            ? GameResult.byScore(Color.BLACK, size * size - komi)
            : GameResult.byScore(Color.WHITE, komi))
        .toString();
  }

  /**
   * The winner of game {@code index} of the task when the candidate's outcome is {@code outcome}.
   */
  static Color winner(JsonPath task, int index, String outcome) {
    boolean candidateBlack =
        "B".equals(task.getString("rating.games[" + index + "].candidateColor"));
    return switch (outcome) {
      case "win" -> candidateBlack ? Color.BLACK : Color.WHITE;
      case "loss" -> candidateBlack ? Color.WHITE : Color.BLACK;
      default -> throw new IllegalArgumentException("win or loss, not " + outcome);
    };
  }

  /** One game's record (JSON) giving the candidate {@code outcome}, its result as counted. */
  static String game(JsonPath task, int index, String outcome) {
    Color winner = winner(task, index, outcome);
    return game(task, index, winner, result(size(task), komi(task), winner));
  }

  /** One game's record (JSON) that {@code winner} wins, declaring {@code result}. */
  static String game(JsonPath task, int index, Color winner, String result) {
    StringBuilder moves = new StringBuilder("[");
    List<String> list = moves(size(task), winner);
    for (int i = 0; i < list.size(); i++) {
      moves.append(i == 0 ? "\"" : ",\"").append(list.get(i)).append('"');
    }
    return "{\"gameId\":\""
        + task.getString("rating.games[" + index + "].gameId")
        + "\",\"moves\":"
        + moves
        + "],\"result\":\""
        + result
        + "\"}";
  }

  /** The request reporting the task's first games with these outcomes (candidate's view). */
  static String report(String run, JsonPath task, List<String> outcomes) {
    List<String> games = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      games.add(game(task, i, outcomes.get(i)));
    }
    return request(run, task, games);
  }

  /** The request with these games' JSON. */
  static String request(String run, JsonPath task, List<String> games) {
    return "{\"run\":\""
        + run
        + "\",\"taskId\":\""
        + task.getString("rating.taskId")
        + "\",\"games\":["
        + String.join(",", games)
        + "]}";
  }

  static List<String> repeat(String outcome, int n) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(outcome);
    }
    return list;
  }

  static int size(JsonPath task) {
    return task.getInt("settings.boardSize");
  }

  static double komi(JsonPath task) {
    return task.getDouble("settings.komi");
  }
}
