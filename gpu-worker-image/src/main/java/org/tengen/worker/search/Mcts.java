package org.tengen.worker.search;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tengen.core.go.Board;
import org.tengen.core.go.Game;
import org.tengen.core.go.GameResult;
import org.tengen.core.go.Move;
import org.tengen.core.selfplay.SearchSettings;
import org.tengen.network.eval.Evaluator;
import org.tengen.network.features.Features;
import org.tengen.network.model.Evaluation;

/**
 * PUCT Monte Carlo tree search for one game, in the AlphaZero paper's terms: each playout descends
 * by maximising {@code Q + U} with {@code U = cpuct · P · sqrt(N_parent) / (1 + N)}, evaluates the
 * leaf with the network (or the result, for a finished game), expands it with the legal moves'
 * priors and backs the value up, negating it at every level. Q is KataGo's utility: the value plus
 * a score utility ({@link SearchSettings#scoreUtility}); the value reported for the root
 * (resignation reads it) is the value alone.
 *
 * <p>In a search whose policy is a training target, KataGo's forced playouts: each root child with
 * prior P gets at least {@code sqrt(k · P · N)} of the root's N visits, so that moves the noise
 * made interesting are looked at; afterwards the target is pruned of the visits the search would
 * not have given them (policy target pruning), so that the network is not taught to play them.
 *
 * <p>With {@link SearchSettings#keepEyes} a node's children leave out the mover's own eye-like
 * points (the pass stays), so a player whose only moves left would fill its own eyes passes.
 *
 * <p>Parallelism is per game, not per tree: a search blocks on its evaluation, and many games in
 * flight (each on its thread) fill the shared evaluator's batches. That needs no virtual loss, so
 * every search is exactly the sequential algorithm; the cost is one thread per game, cheap at the
 * few dozen games a worker runs. Not thread-safe: one instance per game.
 */
public final class Mcts {

  private final SearchParams params;
  private final Evaluator evaluator;
  private final SplittableRandom random;
  private Node root;
  private int evaluations;
  private boolean forcing;

  /** The Gumbel root of the current search ({@link SearchSettings#gumbelConsidered}); else null. */
  private GumbelRoot gumbel;

  /**
   * The opponent has just passed, so passing ends the game: the root's pass is visited first, and
   * its exact result (a terminal node) is known to the search whatever the network's prior for
   * passing. A network that rarely saw games end by passes (most of its self-play ended by
   * resignation) otherwise plays on in a won position against an engine that has passed, filling
   * its own territory until its groups die.
   */
  private boolean passEnds;

  /** The root's expected score for its player to move: the score utility's centre. */
  private double centre;

  /** The network's ownership at the root, from the root's player to move. */
  private float[] rootOwnership;

  public Mcts(SearchParams params, Evaluator evaluator, SplittableRandom random) {
    this.params = params;
    this.evaluator = evaluator;
    this.random = random;
  }

  /** Network evaluations this search has asked for. */
  public int evaluations() {
    return evaluations;
  }

  /**
   * Searches the position of {@code game} (not over) until the root has {@code visits} visits.
   *
   * @param noise whether to mix Dirichlet noise into the root's priors
   * @param sample whether to choose the move by sampling visits^(1/T) instead of the most visited
   */
  public SearchResult search(Game game, int visits, boolean noise, boolean sample) {
    return search(game, visits, noise, sample ? params.temperature() : 0, false);
  }

  /**
   * The same, with the move drawn from visits^(1/{@code temperature}) (0: the most visited move);
   * {@code target}: the policy is a training target, so forced playouts and policy target pruning
   * apply (when the parameters' k is above 0).
   */
  public SearchResult search(
      Game game, int visits, boolean noise, double temperature, boolean target) {
    boolean useGumbel = params.techniques().gumbelConsidered() > 0;
    forcing = !useGumbel && target && params.techniques().forcedPlayoutK() > 0;
    passEnds = game.consecutivePasses() == 1;
    if (game.isOver()) {
      throw new IllegalArgumentException("the game is over");
    }
    gumbel = null;
    if (useGumbel) {
      root = null; // sequential halving schedules a root's visits from its first
    }
    ensureRoot(game);
    centre = root.score;
    temperRootPriors(params.rootPolicyTemperature(game.moveCount(), game.size()));
    if (noise && !useGumbel) {
      addNoise(root); // the Gumbel root explores by its own draws instead
    }
    if (useGumbel) {
      // A fresh root holds its own evaluation only: its utility is the network's value.
      gumbel =
          new GumbelRoot(
              root.children,
              -root.q(),
              params.techniques().gumbelConsidered(),
              visits - root.n,
              random);
    }
    List<Node> path = new ArrayList<>();
    while (root.n < visits) {
      path.clear();
      path.add(root);
      Game g = game.copy();
      Node node = root;
      while (node.isExpanded() && !g.isOver()) {
        node = node == root && gumbel != null ? gumbelChild() : select(node);
        g.playAssumeLegal(locOf(node.move, g));
        path.add(node);
      }
      double value;
      if (g.isOver()) {
        if (Double.isNaN(node.terminalValue)) {
          GameResult result = g.result();
          node.terminalValue = result.valueFor(g.toMove());
          node.score = finalScore(result, g);
        }
        value = node.terminalValue;
      } else {
        value = expand(node, g);
      }
      // The leaf's player is the root's when the path has an odd number of nodes.
      backup(path, value, utility(value, node.score, path.size() % 2 == 1, g.size()), node.score);
    }
    return result(game, temperature);
  }

  /** A root for {@code game}'s position (the reused subtree when there is one), expanded. */
  private void ensureRoot(Game game) {
    if (root == null || !params.treeReuse()) {
      root = new Node(-1, 1f);
    }
    if (!root.isExpanded()) {
      double value = expand(root, game);
      backup(List.of(root), value, value, root.score);
    }
  }

  /**
   * The network's own policy at the position of {@code game}: its priors renormalised over the
   * legal moves, indexed as a policy target ({@code size²} is the pass). Expands the root if it is
   * not yet, so a search of the same position afterwards reuses the evaluation.
   */
  public float[] priors(Game game) {
    if (game.isOver()) {
      throw new IllegalArgumentException("the game is over");
    }
    ensureRoot(game);
    float[] p = new float[game.size() * game.size() + 1];
    for (Node c : root.children) {
      p[c.move] = c.basePrior;
    }
    return p;
  }

  /** Moves the root to the child of the move played, keeping its subtree when reuse is on. */
  public void advance(Move played, int size) {
    rootOwnership = null; // the network's ownership of the old root's position
    if (root == null || !root.isExpanded() || !params.treeReuse()) {
      root = null;
      return;
    }
    int index = played.index(size);
    Node next = null;
    for (Node c : root.children) {
      if (c.move == index) {
        next = c;
        break;
      }
    }
    root = next;
  }

  private static int locOf(int move, Game g) {
    int size = g.size();
    return move == size * size ? Board.NONE : g.board().locOfPoint(move);
  }

  /** Evaluates and expands a leaf; returns its value for the player to move there. */
  private double expand(Node node, Game g) {
    Evaluation e = evaluator.evaluate(Features.of(g));
    evaluations++;
    if (node == root) {
      rootOwnership = e.ownership();
    }
    Board board = g.board();
    int size = g.size();
    int points = size * size;
    float[] policy = e.policy();
    int[] legal = new int[points + 1];
    int n = 0;
    double total = 0;
    byte mover = g.toMove().code();
    boolean keepEyes = params.techniques().keepEyes();
    for (int p = 0; p < points; p++) {
      int loc = board.locOfPoint(p);
      if (board.get(loc) == Board.EMPTY
          && !(keepEyes && board.isEyeLike(loc, mover))
          && g.isLegal(loc)) {
        legal[n++] = p;
        total += policy[p];
      }
    }
    legal[n++] = points; // passing is always legal
    total += policy[points];
    Node[] children = new Node[n];
    for (int i = 0; i < n; i++) {
      // Priors renormalised over the legal moves: the net may put weight on illegal ones.
      float prior = total > 0 ? (float) (policy[legal[i]] / total) : 1f / n;
      children[i] = new Node(legal[i], prior);
    }
    node.children = children;
    node.score = e.score();
    return e.value();
  }

  /**
   * The final margin of a finished game, whose result is {@code result}, for its player to move.
   */
  private static double finalScore(GameResult result, Game g) {
    if (result.winner() == null) {
      return 0;
    }
    double margin = result.margin() > 0 ? result.margin() : g.size() * g.size();
    return result.winner() == g.toMove() ? margin : -margin;
  }

  /**
   * A leaf's utility for its player to move: its value plus the score utility, a saturating
   * function of how far its expected score lies from the root's (from that player's view).
   */
  private double utility(double value, double score, boolean rootsPlayer, int size) {
    double factor = params.techniques().scoreUtility();
    if (factor == 0) {
      return value;
    }
    double centreHere = rootsPlayer ? centre : -centre;
    return value + factor * (2 / Math.PI) * Math.atan((score - centreHere) / size);
  }

  private Node select(Node node) {
    double sqrtN = Math.sqrt(Math.max(1, node.n));
    double parentQ = node.n > 0 ? -node.q() : 0; // node.w is from the other player's view
    double visitedPrior = 0;
    for (Node c : node.children) {
      if (c.n > 0) {
        visitedPrior += c.prior;
      }
    }
    double reduction =
        node == root ? params.techniques().rootFpuReduction() : params.fpuReduction();
    double fpu = parentQ - reduction * Math.sqrt(visitedPrior);
    boolean force = forcing && node == root;
    Node best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    Node pass = node == root ? passFirst() : null;
    if (pass != null) {
      return pass;
    }
    for (Node c : node.children) {
      double q = c.n > 0 ? c.q() : fpu;
      double score = q + params.cpuct() * c.prior * sqrtN / (1 + c.n);
      if (force && c.n < forcedVisits(c, node.n)) {
        score += 1e6; // below its forced visits: taken first, the most promising of them first
      }
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  /** The root's child for the next simulation of a Gumbel search. */
  private Node gumbelChild() {
    Node pass = passFirst();
    return pass != null ? pass : gumbel.select(root.n - 1);
  }

  /**
   * The root's pass while it ends the game and is not yet visited ({@link #passEnds}); else null.
   */
  private Node passFirst() {
    if (!passEnds) {
      return null;
    }
    Node pass = root.children[root.children.length - 1]; // expand() puts the pass last
    return pass.n == 0 ? pass : null;
  }

  /** The visits a root child is forced to get when the root has {@code rootVisits}. */
  private double forcedVisits(Node child, int rootVisits) {
    return Math.sqrt(params.techniques().forcedPlayoutK() * child.prior * rootVisits);
  }

  /**
   * The root's children's visits with the forced ones pruned: each child but the most visited keeps
   * only as many visits as PUCT would have given it against the best child, losing at most its
   * forced visits; a child left with a single visit loses it too (KataGo's pruning).
   */
  private int[] prunedVisits() {
    Node[] children = root.children;
    int[] visits = new int[children.length];
    Node best = mostVisited();
    double sqrtN = Math.sqrt(Math.max(1, root.n));
    double bestScore = best.q() + params.cpuct() * best.prior * sqrtN / (1 + best.n);
    for (int i = 0; i < children.length; i++) {
      Node c = children[i];
      visits[i] = c.n;
      if (c == best || c.n == 0) {
        continue;
      }
      double gap = bestScore - c.q();
      if (gap <= 0) {
        continue; // PUCT would have given it these visits anyway
      }
      // The fewest visits n' with Q + U(n') <= the best child's score.
      double needed = params.cpuct() * c.prior * sqrtN / gap - 1;
      double floor = c.n - forcedVisits(c, root.n);
      int keep = (int) Math.ceil(Math.max(needed, floor));
      keep = Math.max(0, Math.min(c.n, keep));
      visits[i] = keep <= 1 ? 0 : keep;
    }
    return visits;
  }

  /**
   * Backs up a value, a utility and an expected score given for the player to move at the last node
   * of the path.
   */
  private static void backup(List<Node> path, double value, double utility, double score) {
    double v = value;
    double u = utility;
    double s = score;
    for (int i = path.size() - 1; i >= 0; i--) {
      Node node = path.get(i);
      node.n++;
      node.w -= u; // the player who moved into this node is the other one
      node.wValue -= v;
      node.wValueSq += v * v;
      node.wScore -= s;
      v = -v;
      u = -u;
      s = -s;
    }
  }

  /**
   * Sets the root children's priors for this search: the network's raised to 1/{@code t} and
   * renormalised to the same total (KataGo's root policy temperature; 1: as given). The Gumbel root
   * reads the network's own priors and is not affected.
   */
  private void temperRootPriors(double t) {
    if (t == 1) {
      for (Node c : root.children) {
        c.prior = c.basePrior;
      }
      return;
    }
    double inv = 1 / t;
    double before = 0;
    double after = 0;
    for (Node c : root.children) {
      before += c.basePrior;
      after += Math.pow(c.basePrior, inv);
    }
    for (Node c : root.children) {
      c.prior = after > 0 ? (float) (Math.pow(c.basePrior, inv) * before / after) : c.basePrior;
    }
  }

  private void addNoise(Node node) {
    Node[] children = node.children;
    double alpha = params.noiseAlphaTotal() / children.length;
    double[] noise = new double[children.length];
    double sum = 0;
    for (int i = 0; i < noise.length; i++) {
      noise[i] = Dirichlet.gamma(alpha, random);
      sum += noise[i];
    }
    double eps = params.noiseWeight();
    for (int i = 0; i < children.length; i++) {
      double d = sum > 0 ? noise[i] / sum : 1.0 / children.length;
      children[i].prior = (float) ((1 - eps) * children[i].prior + eps * d);
    }
  }

  private SearchResult result(Game game, double temperature) {
    int size = game.size();
    float[] policy = new float[size * size + 1];
    int total = 0;
    for (Node c : root.children) {
      total += c.n;
    }
    Node chosen = null;
    if (gumbel != null && total > 0) {
      double[] improved = gumbel.improvedPolicy();
      for (int i = 0; i < improved.length; i++) {
        policy[root.children[i].move] = (float) improved[i];
      }
      chosen = gumbel.chosen(temperature > 0);
    } else if (total == 0) {
      // Only the root's own evaluation happened (visits = 1): follow the prior.
      for (Node c : root.children) {
        policy[c.move] = c.prior;
        if (chosen == null || c.prior > chosen.prior) {
          chosen = c;
        }
      }
    } else {
      int[] visits = new int[root.children.length];
      for (int i = 0; i < visits.length; i++) {
        visits[i] = root.children[i].n;
      }
      if (forcing) {
        visits = prunedVisits();
        total = 0;
        for (int v : visits) {
          total += v;
        }
      }
      for (int i = 0; i < visits.length; i++) {
        policy[root.children[i].move] = (float) visits[i] / total;
      }
      chosen = temperature > 0 ? sampleByVisits(visits, temperature) : mostVisited();
    }
    double value = root.n > 0 ? -root.valueQ() : 0;
    return new SearchResult(policy, Move.ofIndex(chosen.move, size), value, root.n);
  }

  /**
   * What the last search of {@code game}'s position found, for analysis: the root's figures and its
   * visited children, most visited first (at most {@code maxMoves}), each with its principal
   * variation of at most {@code pvLength} moves. Values are for the root's player to move.
   */
  public RootAnalysis analysis(Game game, int maxMoves, int pvLength) {
    if (root == null || !root.isExpanded()) {
      throw new IllegalStateException("no search of this position yet");
    }
    int size = game.size();
    List<Node> visited = new ArrayList<>();
    for (Node c : root.children) {
      if (c.n > 0) {
        visited.add(c);
      }
    }
    visited.sort(
        (a, b) -> a.n != b.n ? Integer.compare(b.n, a.n) : Float.compare(b.basePrior, a.basePrior));
    List<MoveInfo> moves = new ArrayList<>();
    for (Node c : visited.subList(0, Math.min(maxMoves, visited.size()))) {
      List<Move> pv = new ArrayList<>();
      for (Node n = c; n != null && n.n > 0 && pv.size() < pvLength; n = mostVisitedChild(n)) {
        pv.add(Move.ofIndex(n.move, size));
      }
      moves.add(
          new MoveInfo(
              Move.ofIndex(c.move, size),
              c.n,
              winrate(c.valueQ()),
              c.scoreQ(),
              c.basePrior,
              winrate(lowerBound(c)),
              c.q(),
              pv));
    }
    if (rootOwnership == null) {
      rootOwnership = evaluator.evaluate(Features.of(game)).ownership();
      evaluations++;
    }
    return new RootAnalysis(
        root.n, winrate(-root.valueQ()), -root.scoreQ(), -root.q(), moves, rootOwnership.clone());
  }

  private static double winrate(double value) {
    return Math.max(0, Math.min(1, (value + 1) / 2));
  }

  /**
   * A 95% lower confidence bound of a child's value: its mean less 1.96 standard errors, the spread
   * measured from the values backed up through it (a single visit: the widest spread a value in
   * [-1, 1] can have).
   */
  private static double lowerBound(Node c) {
    double mean = c.valueQ();
    double variance = c.n > 1 ? Math.max(0, c.wValueSq / c.n - mean * mean) : 1;
    return mean - 1.96 * Math.sqrt(variance / c.n);
  }

  private static Node mostVisitedChild(Node node) {
    if (node.children == null) {
      return null;
    }
    Node best = null;
    for (Node c : node.children) {
      if (c.n > 0 && (best == null || c.n > best.n)) {
        best = c;
      }
    }
    return best;
  }

  /** The visits the root's child of {@code move} (a policy index) got in the last search. */
  int rootVisits(int move) {
    for (Node c : root.children) {
      if (c.move == move) {
        return c.n;
      }
    }
    return 0;
  }

  /** The most visited move of the last search other than the pass, or the pass if none. */
  public Move mostVisitedNonPass(int size) {
    Node best = null;
    for (Node c : root.children) {
      if (c.move != size * size
          && (best == null || c.n > best.n || (c.n == best.n && c.prior > best.prior))) {
        best = c;
      }
    }
    return best == null ? Move.PASS : Move.ofIndex(best.move, size);
  }

  private Node mostVisited() {
    Node best = null;
    for (Node c : root.children) {
      if (best == null || c.n > best.n || (c.n == best.n && c.prior > best.prior)) {
        best = c;
      }
    }
    return best;
  }

  /** A root child drawn with probability proportional to visits^(1/T) ({@code visits} by child). */
  private Node sampleByVisits(int[] visits, double temperature) {
    double inv = 1 / temperature;
    double sum = 0;
    for (int v : visits) {
      sum += Math.pow(v, inv);
    }
    double r = random.nextDouble() * sum;
    for (int i = 0; i < visits.length; i++) {
      r -= Math.pow(visits[i], inv);
      if (r < 0 && visits[i] > 0) {
        return root.children[i];
      }
    }
    return mostVisited();
  }
}
