package org.tengen.localstack.loop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.tengen.core.api.StatsApi.NetworkStats;

/**
 * {@code networks.tsv} in the data folder: every network of the run with its status, Elo and
 * interval, rating games and Elo over the first network, one line each. {@code tengen strength
 * --data} reads the released networks from it.
 */
final class NetworksTable {

  static final String FILE = "networks.tsv";

  static final String HEADER =
      "name\tstatus\telo\telo_lower\telo_upper\twins\tlosses\tdraws\tdecided_against"
          + "\telo_over_first\n";

  private NetworksTable() {}

  static String text(List<NetworkStats> networks) {
    StringBuilder b = new StringBuilder(HEADER);
    for (NetworkStats n : networks) {
      b.append(n.name())
          .append('\t')
          .append(n.status())
          .append('\t')
          .append(orEmpty(n.elo()))
          .append('\t')
          .append(orEmpty(n.eloLower()))
          .append('\t')
          .append(orEmpty(n.eloUpper()))
          .append('\t')
          .append(n.ratingWins())
          .append('\t')
          .append(n.ratingLosses())
          .append('\t')
          .append(n.ratingDraws())
          .append('\t')
          .append(orEmpty(n.decidedAgainst()))
          .append('\t')
          .append(orEmpty(n.ratingElo()))
          .append('\n');
    }
    return b.toString();
  }

  private static String orEmpty(Object v) {
    return v == null ? "" : v.toString();
  }

  /** Writes the table whole (a reader never sees half of it). */
  static void write(Path data, List<NetworkStats> networks) throws IOException {
    Path tmp = data.resolve(FILE + ".tmp");
    Files.writeString(tmp, text(networks));
    Files.move(
        tmp,
        data.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
