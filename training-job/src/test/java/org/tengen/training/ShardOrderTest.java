package org.tengen.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The trainer takes the newest shards: by number, also past games_99999. */
class ShardOrderTest {

  private static S3Object key(String k) {
    return S3Object.builder().key(k).build();
  }

  @Test
  void shardsAreOrderedByNumberNewestFirst() {
    List<S3Object> listed =
        List.of(
            key("training_data/r/games_00001.npz"),
            key("training_data/r/games_99999.npz"),
            key("training_data/r/games_100000.npz"),
            key("training_data/r/games_100001.npz"),
            key("training_data/r/current/manifest.json"),
            key("training_data/r/games_00002.npz"));
    assertEquals(
        List.of(
            "training_data/r/games_100001.npz",
            "training_data/r/games_100000.npz",
            "training_data/r/games_99999.npz",
            "training_data/r/games_00002.npz",
            "training_data/r/games_00001.npz"),
        Publisher.newestFirst(listed).stream().map(S3Object::key).toList());
  }
}
