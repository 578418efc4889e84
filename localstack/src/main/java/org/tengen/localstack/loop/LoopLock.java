package org.tengen.localstack.loop;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One loop per data folder: a running loop holds a lock on {@code DIR/loop.lock} (the operating
 * system drops it when the process ends, however it ends) and names its S3 endpoint in {@code
 * DIR/s3.endpoint}, so that {@code tengen strength --data DIR} can read the networks while it runs.
 */
final class LoopLock implements AutoCloseable {

  static final String FILE = "loop.lock";
  static final String S3_ENDPOINT = "s3.endpoint";

  private final FileChannel channel;
  private final FileLock lock;
  private final Path dir;

  private LoopLock(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the folder; IllegalStateException when another loop has it. */
  static LoopLock take(Path dir) throws IOException {
    FileChannel channel =
        FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "another tengen local is using " + dir + "; stop it first or choose another --data");
    }
    return new LoopLock(dir, channel, lock);
  }

  /** Whether a loop holds {@code dir} now. */
  static boolean held(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held by this very process
    }
  }

  /** Names the running loop's S3 endpoint for readers of the folder. */
  void announce(java.net.URI s3) throws IOException {
    Files.writeString(dir.resolve(S3_ENDPOINT), s3 + "\n");
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(dir.resolve(S3_ENDPOINT));
    lock.release();
    channel.close();
  }
}
