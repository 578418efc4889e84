package org.tengen.functions.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Rules;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.RandomGames;
import org.tengen.core.record.Reason;
import org.tengen.core.record.RejectionCode;
import org.tengen.core.storage.Tables;
import org.tengen.localstack.LocalCloud;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The confirm's claims on DynamoDB Local, without Quarkus: each content, game and shard number is
 * held by one upload, a repeat by the same upload finds its own claim, and shard numbers stay dense
 * and unique when many confirms claim at once.
 */
class UploadClaimsTest {

  private static LocalCloud cloud;
  private static DynamoDbClient dynamo;
  private static UploadClaims claims;

  @BeforeAll
  static void start() throws Exception {
    cloud = LocalCloud.start(LocalCloud.Options.inMemory());
    dynamo = cloud.dynamoDb();
    claims = new UploadClaims(dynamo, cloud.tablePrefix());
  }

  @AfterAll
  static void stop() throws Exception {
    dynamo.close();
    cloud.close();
  }

  private static String upload(int n) {
    return String.format("%032x", n);
  }

  private static GameRecord game(long seed) {
    return RandomGames.play(9, Rules.chinese(), "r-b1c16-s0-d0", seed);
  }

  private static void createRun(String run) {
    dynamo.putItem(
        p ->
            p.tableName(Tables.RUNS.tableName(cloud.tablePrefix()))
                .item(
                    Map.of("run", AttributeValue.fromS(run), "shards", AttributeValue.fromN("0"))));
  }

  @Test
  void aContentIsHeldByTheFirstUploadAndFoundAgainByIt() {
    String hash = "ab".repeat(32);
    assertEquals(upload(1), claims.claimContent(hash, upload(1)));
    assertEquals(upload(1), claims.claimContent(hash, upload(2)), "the second finds the first");
    assertEquals(upload(1), claims.claimContent(hash, upload(1)), "a repeat finds its own");
  }

  @Test
  void aRepeatedGameIsLeftOutNamedByItsBatchIndexAndTheOthersAreClaimed() {
    GameRecord a = game(11);
    GameRecord b = game(12);
    GameRecord c = game(13);
    GameRecord d = game(14);
    UploadClaims.Claimed first = claims.claimNewGames("games", upload(10), List.of(a, b));
    assertEquals(List.of(a, b), first.kept());
    assertEquals(List.of(), first.repeats());
    assertEquals(
        List.of(a, b),
        claims.claimNewGames("games", upload(10), List.of(a, b)).kept(),
        "a retry of the same finds its own claims");
    UploadClaims.Claimed second = claims.claimNewGames("games", upload(11), List.of(c, b, d, a));
    assertEquals(List.of(c, d), second.kept(), "the new games are kept, in their order");
    assertEquals(
        List.of("games[1]", "games[3]"),
        second.repeats().stream().map(Reason::path).toList(),
        "repeats are named by their index in the batch as uploaded");
    assertEquals(RejectionCode.GAME_DUPLICATE, second.repeats().get(0).code());
    assertTrue(
        second.repeats().get(0).message().contains(upload(10)), second.repeats().get(0).message());
    assertEquals(
        List.of(),
        claims.claimNewGames("games", upload(12), List.of(c)).kept(),
        "c is held by the upload that kept it");
    assertEquals(
        List.of(a),
        claims.claimNewGames("other-run", upload(13), List.of(a)).kept(),
        "a game is claimed per run");
    GameRecord relabelled =
        new GameRecord(
            a.version(),
            a.rules(),
            a.komi() + 10,
            a.boardSize(),
            a.network(),
            a.moves(),
            a.result(),
            a.positions());
    UploadClaims.Claimed again = claims.claimNewGames("games", upload(14), List.of(relabelled));
    assertEquals(List.of(), again.kept());
    assertEquals(1, again.repeats().size(), "the same moves under another komi are the same game");
  }

  @Test
  void shardNumbersAreDenseAndUniqueUnderConcurrentClaims() throws Exception {
    String run = "dense";
    createRun(run);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Long>> numbers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = upload(100 + i);
      numbers.add(pool.submit(() -> claims.claimShardNumber(run, id, null)));
    }
    Set<Long> got = new TreeSet<>();
    for (Future<Long> f : numbers) {
      got.add(f.get());
    }
    pool.shutdown();
    Set<Long> expected = new TreeSet<>();
    for (long n = 1; n <= 40; n++) {
      expected.add(n);
    }
    assertEquals(expected, got);
    assertEquals(40, claims.shardCounter(run), "the counter hint is raised as numbers go");
    assertEquals(7, claims.claimShardNumber(run, upload(999), 7L), "a claimed number is kept");
  }

  @Test
  void twoConfirmsOfOneUploadGetOneNumberAndLeaveNoGap() {
    String run = "twice";
    createRun(run);
    assertEquals(1, claims.claimShardNumber(run, upload(200), null));
    // A concurrent confirm of the same upload that did not see the first one's number yet.
    assertEquals(1, claims.claimShardNumber(run, upload(200), null));
    assertEquals(2, claims.claimShardNumber(run, upload(201), null), "number 2 was not used up");
  }
}
