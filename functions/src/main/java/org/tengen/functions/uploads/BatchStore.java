package org.tengen.functions.uploads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tengen.core.record.GameRecord;
import org.tengen.core.sgf.SgfGame;
import org.tengen.core.sgf.SgfWriter;
import org.tengen.core.storage.ContributorId;
import org.tengen.core.storage.RunId;
import org.tengen.core.storage.StorageLayout;
import org.tengen.core.storage.UploadId;
import org.tengen.functions.config.TengenConfig;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 side of a confirm: the uploaded object (its size, its bytes, its removal), an accepted
 * batch's shard and SGF copies (written side by side), and a rejected batch kept under {@code
 * rejected/}. Every write here is of bytes that are a function of the upload alone, so a repeated
 * confirm writes the same objects again.
 */
@ApplicationScoped
public class BatchStore {

  /** Writes a batch's objects in parallel; S3 calls block, so a few threads per instance. */
  private static final ExecutorService STORE =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "tengen-store");
            t.setDaemon(true);
            return t;
          });

  @Inject S3Client s3;
  @Inject TengenConfig config;

  /** The uploaded object's size, or empty when nothing was uploaded to {@code key}. */
  public OptionalLong size(String key) {
    try {
      return OptionalLong.of(
          s3.headObject(h -> h.bucket(config.bucket()).key(key)).contentLength());
    } catch (NoSuchKeyException e) {
      return OptionalLong.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  public boolean exists(String key) {
    return size(key).isPresent();
  }

  /**
   * The uploaded object, read once: its size and, when it is at most {@code max} bytes, its bytes
   * (never more than {@code max} read, whatever the object grew to); empty when nothing was
   * uploaded. What a confirm validates and stores is these bytes, not a second read.
   */
  public Optional<Read> read(String key, long max) {
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(g -> g.bucket(config.bucket()).key(key))) {
      long size = in.response().contentLength();
      if (size > max) {
        in.abort();
        return Optional.of(new Read(size, null));
      }
      byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > max) {
        in.abort(); // longer than its header said
        return Optional.of(new Read(bytes.length, null));
      }
      return Optional.of(new Read(bytes.length, bytes));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + key + " failed", e);
    }
  }

  /** An uploaded object: its size, and its bytes unless it is larger than was allowed. */
  public record Read(long size, byte[] bytes) {
    public boolean tooLarge() {
      return bytes == null;
    }
  }

  /**
   * Writes an accepted batch: its shard under {@code number} and each game's SGF, side by side (a
   * batch is 1 + games objects, and one after another they took half of a confirm's time).
   */
  public void storeAccepted(
      RunId run, long number, byte[] shard, UploadId upload, List<GameRecord> games) {
    List<Runnable> writes = new ArrayList<>();
    writes.add(
        () ->
            s3.putObject(
                p -> p.bucket(config.bucket()).key(StorageLayout.shard(run, number)),
                RequestBody.fromBytes(shard)));
    for (int i = 0; i < games.size(); i++) {
      GameRecord game = games.get(i);
      String gameId = upload.value() + "-" + i;
      writes.add(
          () ->
              s3.putObject(
                  p -> p.bucket(config.bucket()).key(StorageLayout.sgf(run, gameId)),
                  RequestBody.fromString(SgfWriter.write(SgfGame.of(game)))));
    }
    writeAll(writes);
  }

  /** Keeps a rejected batch under {@code rejected/} for the contributor to look at. */
  public void keepRejected(String key, ContributorId contributor, UploadId upload) {
    String rejectedKey = StorageLayout.rejected(contributor, upload);
    s3.copyObject(
        c ->
            c.sourceBucket(config.bucket())
                .sourceKey(key)
                .destinationBucket(config.bucket())
                .destinationKey(rejectedKey));
  }

  public void delete(String key) {
    s3.deleteObject(d -> d.bucket(config.bucket()).key(key));
  }

  /** Runs the writes on the store pool and waits for all; the first failure is rethrown. */
  private static void writeAll(List<Runnable> writes) {
    List<Future<?>> pending = new ArrayList<>();
    for (Runnable w : writes) {
      pending.add(STORE.submit(w));
    }
    RuntimeException failure = null;
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException("writing the batch's objects failed", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing the batch's objects", e);
      }
    }
    if (failure != null) {
      throw failure; // the upload stays pending: a retried confirm writes the same objects
    }
  }
}
