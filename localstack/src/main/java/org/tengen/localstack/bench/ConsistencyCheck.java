package org.tengen.localstack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tengen.core.api.StatsApi.Totals;
import org.tengen.core.shard.TrainingShard;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.localstack.LocalCloud;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The load test's end check: what the simulated workers were told was accepted agrees exactly with
 * the stats counters, the shards in S3 (numbered densely) and their rows, and nothing is left in
 * incoming/.
 */
final class ConsistencyCheck {

  private final long accepted;
  private final long games;
  private final long positions;

  /** What the workers counted: accepted uploads, and the games and positions in them. */
  ConsistencyCheck(long accepted, long games, long positions) {
    this.accepted = accepted;
    this.games = games;
    this.positions = positions;
  }

  /** The end check: accepted uploads, counters, shards and their rows agree exactly. */
  boolean passes(String base, String admin, String run, LocalCloud cloud) throws Exception {
    Totals totals = BenchSetup.stats(base, admin, run).totals();
    List<String> problems = new ArrayList<>();
    expect(problems, "stats accepted", totals.accepted(), accepted);
    expect(problems, "stats games", totals.games(), games);
    expect(problems, "stats positions", totals.positions(), positions);
    try (S3Client s3 = cloud.s3()) {
      List<String> shards = new ArrayList<>();
      for (S3Object object :
          s3.listObjectsV2Paginator(
                  l -> l.bucket(cloud.bucket()).prefix(StorageLayout.trainingData(new RunId(run))))
              .contents()) {
        shards.add(object.key());
      }
      shards.sort(null);
      expect(problems, "shards in S3", shards.size(), accepted);
      for (int n = 1; n <= shards.size(); n++) {
        String expected = StorageLayout.shard(new RunId(run), n);
        if (!shards.get(n - 1).equals(expected)) {
          problems.add("shard numbers are not dense: " + expected + " missing");
          break;
        }
      }
      long rows = 0;
      for (String shard : shards) {
        rows +=
            TrainingShard.fromNpz(
                    s3.getObjectAsBytes(g -> g.bucket(cloud.bucket()).key(shard)).asByteArray())
                .rows();
      }
      expect(problems, "rows in the shards", rows, positions);
      int left =
          s3.listObjectsV2(l -> l.bucket(cloud.bucket()).prefix(StorageLayout.INCOMING)).keyCount();
      expect(problems, "objects left in incoming/", left, 0);
    }
    if (problems.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "consistent: %d accepted uploads = stats = shards in S3 (numbered 1..%d), %d games and %d"
              + " positions = stats = shard rows, incoming/ empty%n",
          accepted,
          accepted,
          games,
          positions);
      return true;
    }
    System.out.println("INCONSISTENT: " + String.join("; ", problems));
    return false;
  }

  private static void expect(List<String> problems, String what, long got, long expected) {
    if (got != expected) {
      problems.add(what + " " + got + ", expected " + expected);
    }
  }
}
