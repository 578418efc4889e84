package org.tengen.localstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * What a flood of bad keys costs the functions, per kind of key, against a real key's call: strings
 * that are not keys at all and one unknown key sent again and again (both refused before DynamoDB),
 * and a new well-formed unknown key every time (each one a DynamoDB lookup: what every junk key
 * cost before the refusals were added).
 */
final class KeyFlood {

  private KeyFlood() {}

  /** One kind of key: its name and the key of the i-th request. */
  record Kind(String name, IntFunction<String> key) {}

  static void run(String base, String realKey, int requests, int threads) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "key flood: POST /whoami, %,d requests per kind, %d at once%n",
        requests,
        threads);
    String unknown = wellFormedUnknownKey();
    List<Kind> kinds =
        List.of(
            new Kind("a contributor's key", i -> realKey),
            new Kind("not a key (junk)", i -> "junk-" + i),
            new Kind("one unknown key, again", i -> unknown),
            new Kind("a new unknown key each", i -> wellFormedUnknownKey()));
    HttpClient http = HttpClient.newHttpClient();
    for (Kind kind : kinds) {
      measure(http, base, kind, Math.min(200, requests), threads); // warm-up
      measure(http, base, kind, requests, threads);
    }
  }

  /** A key of the contributor keys' form ({@code tgn_} and 43 characters) that nobody has. */
  static String wellFormedUnknownKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "tgn_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private static void measure(HttpClient http, String base, Kind kind, int n, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<double[]>> parts = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int from = t * n / threads;
        int to = (t + 1) * n / threads;
        parts.add(
            pool.submit(
                () -> {
                  double[] ms = new double[to - from];
                  for (int i = from; i < to; i++) {
                    HttpRequest r =
                        HttpRequest.newBuilder(URI.create(base + "/whoami"))
                            .header("Authorization", "Bearer " + kind.key().apply(i))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build();
                    long a = System.nanoTime();
                    http.send(r, HttpResponse.BodyHandlers.discarding());
                    ms[i - from] = (System.nanoTime() - a) / 1e6;
                  }
                  return ms;
                }));
      }
      double[] all = new double[0];
      for (Future<double[]> f : parts) {
        double[] part = f.get();
        double[] joined = Arrays.copyOf(all, all.length + part.length);
        System.arraycopy(part, 0, joined, all.length, part.length);
        all = joined;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (n < 200) {
        return; // the warm-up's figures are not reported
      }
      Arrays.sort(all);
      System.out.printf(
          Locale.ROOT,
          "  %-24s %7.0f requests/s   p50 %6.2f ms   p99 %6.2f ms%n",
          kind.name(),
          n / seconds,
          BackendBenchmark.percentile(all, 0.50),
          BackendBenchmark.percentile(all, 0.99));
    } finally {
      pool.shutdown();
    }
  }
}
