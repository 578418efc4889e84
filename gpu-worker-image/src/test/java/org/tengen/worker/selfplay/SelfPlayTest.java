package org.tengen.worker.selfplay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tengen.core.go.Rules;
import org.tengen.core.network.NetworkName;
import org.tengen.core.record.GameRecord;
import org.tengen.core.record.GameValidator;
import org.tengen.core.record.Reason;
import org.tengen.core.record.ValidationLimits;
import org.tengen.network.eval.BatchedEvaluator;
import org.tengen.network.model.Network;
import org.tengen.worker.search.SearchParams;

class SelfPlayTest {

  @Test
  void gamesOfATinyRandomNetworkPassTheCoreValidator() {
    NetworkName name = NetworkName.parse("test-b1c8-s0-d0");
    GameValidator validator = new GameValidator(ValidationLimits.defaults());
    try (Network net = Network.random(name, 11, Device.cpu());
        BatchedEvaluator evaluator = new BatchedEvaluator(net, 8, 1, true, 5)) {
      SplittableRandom random = new SplittableRandom(17);
      for (Rules rules : List.of(Rules.chinese(), Rules.newZealand())) {
        SelfPlay.Settings settings = new SelfPlay.Settings(7, rules, SearchParams.selfPlay(12));
        GameRecord record = SelfPlay.play(settings, name.toString(), evaluator, random);
        List<Reason> reasons = validator.validate(record);
        assertEquals(List.of(), reasons, rules.name());
        assertTrue(record.moves().size() >= 11, "moves: " + record.moves().size());
        assertEquals(record.moves().size(), record.positions().size());
        long cheap = record.positions().stream().filter(p -> !p.isPolicyTarget()).count();
        double share = (double) cheap / record.positions().size();
        assertTrue(share > 0.5 && share < 0.95, "about 3 in 4 cheap searches: " + share);
      }
    }
  }
}
