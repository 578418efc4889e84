package org.tengen.localstack.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the load test's accepted confirms spent their time, read from the functions' log. */
final class ConfirmPhases {

  private ConfirmPhases() {}

  private static final Pattern PHASES =
      Pattern.compile(
          "read (\\d+), validate (\\d+), shard (\\d+), claim (\\d+), store (\\d+), record (\\d+)");

  /**
   * Where accepted confirms spent their time, from the functions' log: the median of each phase.
   */
  static void print(Path log) throws Exception {
    List<long[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      Matcher m = PHASES.matcher(line);
      if (m.find()) {
        long[] r = new long[6];
        for (int i = 0; i < 6; i++) {
          r[i] = Long.parseLong(m.group(i + 1));
        }
        rows.add(r);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    String[] names = {
      "read (S3)", "validate", "shard", "claim (DynamoDB)", "store (S3)", "record (DynamoDB)"
    };
    StringBuilder sb = new StringBuilder("confirmUpload phases, median ms:");
    for (int i = 0; i < 6; i++) {
      int k = i;
      long[] v = rows.stream().mapToLong(r -> r[k]).sorted().toArray();
      sb.append(String.format(Locale.ROOT, " %s %d", names[i], v[v.length / 2]));
    }
    System.out.println(sb);
  }
}
