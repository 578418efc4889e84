package org.tengen.network.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tengen.network.features.Features;

/**
 * The size of a network: residual blocks and trunk channels, as in its name ({@code b6c96}). The
 * widths of the global-pooling branches and the heads follow from the channels, as KataGo's b6c96
 * (32 pooling, policy and value channels, a 64-wide value layer) does.
 */
public record NetworkConfig(int blocks, int channels) {

  private static final Pattern ARCH = Pattern.compile("b([1-9][0-9]?)c([1-9][0-9]{0,3})");

  public NetworkConfig {
    if (blocks < 1 || blocks > 60 || channels < 8 || channels > 1024) {
      throw new IllegalArgumentException(
          "architecture b" + blocks + "c" + channels + " is outside b1..b60, c8..c1024");
    }
  }

  /** Parses {@code b6c96}. */
  public static NetworkConfig parse(String architecture) {
    Matcher m = ARCH.matcher(architecture);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "architecture '" + architecture + "' is not like b6c96 (blocks, channels)");
    }
    return new NetworkConfig(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Channels of each global-pooling branch and of the policy and value heads. */
  public int headChannels() {
    return Math.max(8, channels / 3);
  }

  /** Width of the hidden layer of the value head. */
  public int valueHidden() {
    return 2 * headChannels();
  }

  /** Whether residual block {@code i} (from 0) carries a global-pooling bias. */
  public boolean isGlobalPoolingBlock(int i) {
    return i % 3 == 2;
  }

  /**
   * Multiply-adds ×2 of one forward pass's convolutions for one position on a {@code size} board:
   * the 5x5 input convolution, two 3x3 per block plus the 3x3 pooling branch of every third, and
   * the heads' 1x1 convolutions. Linear layers, pooling and element-wise work are left out (under
   * 1% for b6c96, 2% for b2c32).
   */
  public double forwardFlops(int size) {
    double hw = (double) size * size;
    int h = headChannels();
    double flops = 2.0 * 25 * Features.SPATIAL * channels * hw;
    for (int i = 0; i < blocks; i++) {
      flops += 2 * (2.0 * 9 * channels * channels * hw);
      if (isGlobalPoolingBlock(i)) {
        flops += 2.0 * 9 * channels * h * hw;
      }
    }
    flops += 3 * (2.0 * channels * h * hw); // policy, policy pooling, value 1x1 convolutions
    flops += 2 * (2.0 * h * hw); // policy and ownership outputs
    return flops;
  }

  public String architecture() {
    return "b" + blocks + "c" + channels;
  }
}
