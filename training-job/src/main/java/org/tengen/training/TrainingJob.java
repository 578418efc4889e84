package org.tengen.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tengen.core.network.NetworkName;
import org.tengen.network.features.Features;
import org.tengen.network.model.Network;
import org.tengen.network.model.NetworkFile;

/**
 * One training job: the window of newest shards, batches of one board size with a random symmetry
 * per position, Adam on the chosen loss, checkpoints (network, Adam state, step, loss history)
 * every {@code checkpoint_every} steps with the held-out losses, and at the end the exported
 * network {@code {run}-b{B}c{C}-s{samples}-d{rows}.bin.gz} with its loss curve.
 *
 * <p>A job restarted with the same data and seed continues from its last checkpoint: the batch
 * sequence and the symmetries are functions of (seed, step), so it ends where an uninterrupted job
 * ends.
 */
public final class TrainingJob {

  private static final byte[] MAGIC = "TENGEN-CKPT2".getBytes(StandardCharsets.US_ASCII);
  static final String CHECKPOINT = "checkpoint.bin.gz";
  private static final int HELD_OUT_ROWS = 4096;

  /** What the job produced. */
  public record Result(
      Path model,
      NetworkName name,
      String sha256,
      String parent,
      long steps,
      LossHistory history,
      Path optimizerState) {}

  private final MlPaths paths;
  private final Hyperparameters h;
  private final Device device;
  private final Consumer<String> log;

  public TrainingJob(MlPaths paths, Hyperparameters h, Device device, Consumer<String> log) {
    this.paths = paths;
    this.h = h;
    this.device = device;
    this.log = log;
  }

  public Result run() throws IOException {
    return run(Long.MAX_VALUE);
  }

  /** Runs; {@code stopAfter} ends the job early at that step, as a kill would (for tests). */
  Result run(long stopAfter) throws IOException {
    h.warnings().forEach(w -> log.accept("warning: " + w));
    ShardData data = ShardData.load(paths.channel("train"), h, log);
    log.accept(
        String.format(
            Locale.ROOT,
            "data: %d training shards (%,d rows), %d held-out shards, %,d rows in the channel%s",
            data.train().size(),
            data.trainRows(),
            data.heldOut().size(),
            data.channelRows(),
            data.skipped().isEmpty() ? "" : ", " + data.skipped().size() + " skipped"));
    Files.createDirectories(paths.checkpoints());
    LossHistory history = new LossHistory();
    Network network = null;
    Adam adam = null;
    WeightAverage average = null;
    long startSamples;
    Path checkpoint = paths.checkpoints().resolve(CHECKPOINT);
    try {
      Resumed resumed = Files.isRegularFile(checkpoint) ? resume(checkpoint, data, history) : null;
      if (resumed != null) {
        network = resumed.network();
        adam = resumed.adam();
        average = resumed.average();
        startSamples = resumed.startSamples();
        log.accept("resuming from the checkpoint at step " + adam.jobSteps());
      } else {
        network = initialNetwork();
        Optional<OptimizerState.Loaded> carried = carried(network.name());
        if (carried.isPresent()) {
          network.close();
          network = carried.get().network();
          adam = carried.get().adam();
          average = carried.get().average();
        } else {
          adam = new Adam(network, h.learningRateSchedule());
        }
        if (average == null && h.emaDecay() > 0) {
          average = new WeightAverage(network, h.emaDecay());
        }
        startSamples = network.name().samples();
        heldOut(network, data, 0, history); // where the network starts
      }
      Batches batches = new Batches(data.train(), h.batchSize(), h.seed());
      batches.skip(adam.jobSteps());
      long first = adam.jobSteps();
      long last = Math.min(h.steps(), stopAfter);
      long t0 = System.nanoTime();
      long tLog = t0;
      long stepsAtLog = first;
      double[] sums = new double[5];
      int counted = 0;
      while (adam.jobSteps() < last) {
        long step = adam.jobSteps();
        EncodedBatch b =
            EncodedBatch.of(
                batches.next(), data.train(), new SplittableRandom(h.seed() * 31 + step));
        Losses.Terms terms =
            step(
                network,
                adam,
                b,
                h.loss().equals("katago"),
                h.policySurprise(),
                h.opponentPolicyWeight());
        if (average != null) {
          average.update(adam.step());
        }
        sums[0] += terms.policy();
        sums[1] += terms.value();
        sums[2] += terms.score();
        sums[3] += terms.ownership();
        sums[4] += terms.opponentWeighted();
        counted++;
        if (!Float.isFinite(terms.sum())) {
          throw new IOException("the loss became " + terms.sum() + " at step " + adam.jobSteps());
        }
        long done = adam.jobSteps();
        if (done % h.logEvery() == 0 || done == last) {
          long now = System.nanoTime();
          double secs = (now - tLog) / 1e9;
          double stepsPerSec = (done - stepsAtLog) / Math.max(1e-9, secs);
          history.add(
              new LossHistory.Point(
                  done,
                  false,
                  (float) (sums[0] / counted),
                  (float) (sums[1] / counted),
                  (float) (sums[2] / counted),
                  (float) (sums[3] / counted)));
          log.accept(
              String.format(
                  Locale.ROOT,
                  "step %d/%d | %.2f steps/s, %.0f samples/s | loss %.4f = policy %.4f + value %.4f"
                      + " + score %.4f + ownership %.4f + opponent policy %.4f | ETA %s",
                  done,
                  h.steps(),
                  stepsPerSec,
                  stepsPerSec * h.batchSize(),
                  (sums[0] + sums[1] + sums[2] + sums[3] + sums[4]) / counted,
                  sums[0] / counted,
                  sums[1] / counted,
                  sums[2] / counted,
                  sums[3] / counted,
                  sums[4] / counted,
                  eta((h.steps() - done) / Math.max(1e-9, stepsPerSec))));
          tLog = now;
          stepsAtLog = done;
          sums = new double[5];
          counted = 0;
        }
        if (done % h.checkpointEvery() == 0 || done == h.steps()) {
          heldOut(network, data, done, history);
          saveCheckpoint(checkpoint, network, adam, average, data, startSamples, history);
        }
      }
      if (adam.jobSteps() < h.steps()) {
        log.accept("stopped at step " + adam.jobSteps() + " (stopAfter)");
        return new Result(null, null, null, null, adam.jobSteps(), history, null);
      }
      return export(network, adam, average, data, startSamples, first, history);
    } finally {
      if (network != null) {
        network.close();
      }
    }
  }

  /** One optimizer step on a batch: forward, the loss, backward, Adam (also the benchmark's). */
  static Losses.Terms step(Network network, Adam adam, EncodedBatch b, boolean katago) {
    return step(network, adam, b, katago, 0, Losses.OPPONENT_WEIGHT);
  }

  /**
   * The same with policy surprise weighting of share {@code surprise} and the opponent-policy term
   * at {@code opponentWeight}.
   */
  static Losses.Terms step(
      Network network,
      Adam adam,
      EncodedBatch b,
      boolean katago,
      double surprise,
      double opponentWeight) {
    try (NDManager m = network.manager().newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDList out = forward(network, m, b, true);
      Losses.Terms terms = Losses.compute(m, out, b, katago, surprise, opponentWeight);
      gc.backward(terms.total());
      adam.update();
      return terms;
    }
  }

  private static NDList forward(Network network, NDManager m, EncodedBatch b, boolean training) {
    NDArray spatial = m.create(b.spatial(), new Shape(b.n(), Features.SPATIAL, b.size(), b.size()));
    NDArray global = m.create(b.global(), new Shape(b.n(), Features.GLOBAL));
    return network.forward(m, spatial, global, training, false);
  }

  /** The held-out losses on up to 4096 positions, as they are (no symmetry). */
  LossHistory.Point heldOut(Network network, ShardData data, long step, LossHistory history) {
    if (data.heldOut().isEmpty()) {
      return null;
    }
    Map<Integer, List<int[]>> bySize = new LinkedHashMap<>();
    int taken = 0;
    outer:
    for (int s = 0; s < data.heldOut().size(); s++) {
      var shard = data.heldOut().get(s).data();
      for (int r = 0; r < shard.rows(); r++) {
        if (taken++ >= HELD_OUT_ROWS) {
          break outer;
        }
        bySize.computeIfAbsent(shard.boardSize(), k -> new ArrayList<>()).add(new int[] {s, r});
      }
    }
    double[] sums = new double[4];
    int rows = 0;
    for (Map.Entry<Integer, List<int[]>> e : bySize.entrySet()) {
      List<int[]> all = e.getValue();
      for (int from = 0; from < all.size(); from += h.batchSize()) {
        List<int[]> part = all.subList(from, Math.min(all.size(), from + h.batchSize()));
        Batches.Batch batch =
            new Batches.Batch(
                e.getKey(),
                part.stream().mapToInt(x -> x[0]).toArray(),
                part.stream().mapToInt(x -> x[1]).toArray());
        EncodedBatch b = EncodedBatch.of(batch, data.heldOut(), (SplittableRandom) null);
        try (NDManager m = network.manager().newSubManager()) {
          Losses.Terms t =
              Losses.compute(m, forward(network, m, b, false), b, h.loss().equals("katago"));
          sums[0] += t.policy() * b.n();
          sums[1] += t.value() * b.n();
          sums[2] += t.score() * b.n();
          sums[3] += t.ownership() * b.n();
          rows += b.n();
        }
      }
    }
    LossHistory.Point p =
        new LossHistory.Point(
            step,
            true,
            (float) (sums[0] / rows),
            (float) (sums[1] / rows),
            (float) (sums[2] / rows),
            (float) (sums[3] / rows));
    history.add(p);
    log.accept(
        String.format(
            Locale.ROOT,
            "held-out at step %d (%d positions): loss %.4f = policy %.4f + value %.4f + score %.4f +"
                + " ownership %.4f",
            step,
            rows,
            p.total(),
            p.policy(),
            p.value(),
            p.score(),
            p.ownership()));
    return p;
  }

  private Network initialNetwork() throws IOException {
    Path dir = paths.initialModel();
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.toString().endsWith(".bin.gz")).sorted().toList();
      }
      if (files.size() > 1) {
        throw new IOException("the model channel holds " + files.size() + " networks; give one");
      }
      if (files.size() == 1) {
        Network n = NetworkFile.load(files.get(0), null, device);
        log.accept("starting from " + n.name() + " (" + files.get(0).getFileName() + ")");
        return n;
      }
    }
    NetworkName name = NetworkName.parse(h.run() + "-" + h.architecture() + "-s0-d0");
    log.accept("starting from a new " + h.architecture() + " network (seed " + h.seed() + ")");
    return Network.initial(name, h.seed(), device);
  }

  /**
   * The optimizer state the job that made {@code start} left, when {@code carry_optimizer} is on
   * and the state channel holds it.
   */
  private Optional<OptimizerState.Loaded> carried(NetworkName start) throws IOException {
    if (!h.carryOptimizer()) {
      log.accept("Adam starts from zero moments (carry_optimizer is off)");
      return Optional.empty();
    }
    Optional<OptimizerState.Loaded> loaded =
        OptimizerState.read(
            paths.initialState(), start, device, h.learningRateSchedule(), h.emaDecay());
    if (loaded.isPresent()) {
      log.accept(
          "carrying on the optimizer of the job that made "
              + start
              + " (lineage step "
              + loaded.get().adam().step()
              + (loaded.get().average() != null ? ", with its weight average" : "")
              + ")");
    } else {
      log.accept("no optimizer state for " + start + ": Adam starts from zero moments");
    }
    return loaded;
  }

  private record Resumed(Network network, Adam adam, WeightAverage average, long startSamples) {}

  private Resumed resume(Path file, ShardData data, LossHistory history) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + " is no Tengen checkpoint");
      }
      String fingerprint = in.readUTF();
      long seed = in.readLong();
      if (!fingerprint.equals(data.fingerprint()) || seed != h.seed()) {
        Path stale = file.resolveSibling(CHECKPOINT + ".stale");
        Files.move(file, stale, StandardCopyOption.REPLACE_EXISTING);
        log.accept(
            "warning: the checkpoint was taken on other data or another seed; kept as "
                + stale
                + ", starting afresh");
        return null;
      }
      long startSamples = in.readLong();
      byte[] net = in.readNBytes(in.readInt());
      Network network = NetworkFile.load(net, null, device);
      Adam adam = new Adam(network, h.learningRateSchedule());
      adam.read(in);
      history.read(in);
      WeightAverage average = h.emaDecay() > 0 ? new WeightAverage(network, h.emaDecay()) : null;
      if (in.readBoolean() && average != null) {
        average.read(in);
      }
      return new Resumed(network, adam, average, startSamples);
    }
  }

  private void saveCheckpoint(
      Path file,
      Network network,
      Adam adam,
      WeightAverage average,
      ShardData data,
      long startSamples,
      LossHistory history)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 1 << 16))) {
      out.write(MAGIC);
      out.writeUTF(data.fingerprint());
      out.writeLong(h.seed());
      out.writeLong(startSamples);
      byte[] net = NetworkFile.toBytes(network);
      out.writeInt(net.length);
      out.write(net);
      adam.write(out);
      history.write(out);
      out.writeBoolean(average != null);
      if (average != null) {
        average.write(out);
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes.toByteArray());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Result export(
      Network network,
      Adam adam,
      WeightAverage average,
      ShardData data,
      long startSamples,
      long firstStep,
      LossHistory history)
      throws IOException {
    long samples = startSamples + (long) h.steps() * h.batchSize();
    long rows = h.dataRows() > 0 ? h.dataRows() : data.channelRows();
    NetworkName name =
        new NetworkName(
            h.run(),
            network.config().blocks(),
            network.config().channels(),
            network.name().suffix(),
            samples,
            rows);
    Files.createDirectories(paths.model());
    Path file = paths.model().resolve(name + ".bin.gz");
    byte[] bytes =
        average == null
            ? NetworkFile.toBytes(network, name)
            : average.withAverage(() -> NetworkFile.toBytes(network, name));
    Files.write(file, bytes);
    Path state = paths.model().resolve(OptimizerState.fileName(name));
    OptimizerState.write(state, name, network, adam, average);
    history.writeSvg(paths.model().resolve("loss.svg"), name + ": training losses");
    Files.createDirectories(paths.outputData());
    history.writeCsv(paths.outputData().resolve("losses.csv"));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("network", name.toString());
    summary.put("file", file.getFileName().toString());
    summary.put("sha256", NetworkFile.sha256(bytes));
    summary.put("bytes", bytes.length);
    summary.put("parent", network.name().toString());
    summary.put("steps", h.steps());
    summary.put("resumedAtStep", firstStep);
    summary.put("samples", samples);
    summary.put("dataRows", rows);
    summary.put("trainingShards", data.train().size());
    summary.put("heldOutShards", data.heldOut().size());
    summary.put("skippedShards", data.skipped());
    summary.put("loss", h.loss());
    summary.put("lineageSteps", adam.step());
    summary.put("weightAverage", average != null ? h.emaDecay() : 0);
    Files.write(
        paths.model().resolve("training.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
    log.accept("exported " + file + " (sha256 " + summary.get("sha256") + ")");
    return new Result(
        file,
        name,
        (String) summary.get("sha256"),
        network.name().toString(),
        h.steps(),
        history,
        state);
  }

  private static String eta(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  static Map<String, String> readHyperparameters(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    Map<String, Object> raw =
        new ObjectMapper().readValue(new ByteArrayInputStream(Files.readAllBytes(file)), Map.class);
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
