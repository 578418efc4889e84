package org.tengen.network.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Winograd's F(m x m, 3x3), each tile size, against the definition of a padded 3x3 convolution. */
class WinogradTest {

  @ParameterizedTest(name = "F({4}x{4}): {0} boards of {1}x{1}, {2} to {3} channels")
  @CsvSource({
    "1, 1, 16, 16, 2",
    "3, 5, 16, 32, 2",
    "2, 9, 32, 16, 3",
    "1, 19, 48, 48, 3",
    "7, 4, 16, 16, 4",
    "1, 19, 48, 48, 4",
    "2, 9, 32, 16, 5",
    "1, 19, 48, 48, 5",
    "3, 7, 16, 32, 5",
    "1, 13, 16, 16, 5"
  })
  void matchesDirectConvolution(int n, int size, int in, int out, int m) {
    SplittableRandom random = new SplittableRandom(size * 31L + in);
    int inputs = in - 3; // the padded channels must contribute nothing
    float[] weights = new float[out * inputs * 9];
    float[] bias = new float[out];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) (random.nextDouble() - 0.5);
    }
    for (int i = 0; i < out; i++) {
      bias[i] = (float) (random.nextDouble() - 0.5);
    }
    float[] src = new float[n * size * size * in];
    float[] residual = new float[n * size * size * out];
    for (int i = 0; i < src.length; i++) {
      src[i] = i % in < inputs ? (float) (random.nextDouble() * 2 - 1) : 9f;
    }
    for (int i = 0; i < residual.length; i++) {
      residual[i] = (float) random.nextDouble();
    }
    Winograd3x3 conv = new Winograd3x3(in, out);
    conv.setFilters(0, out, inputs, weights, bias);
    float[] dst = new float[residual.length];
    float gate = 0.7f;
    conv.forward(
        m,
        src,
        n,
        size,
        true,
        dst,
        new Winograd3x3.Epilogue(false, residual.clone(), gate),
        new Parallel(2),
        null);
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          for (int k = 0; k < out; k++) {
            double s = bias[k];
            for (int c = 0; c < inputs; c++) {
              for (int dy = 0; dy < 3; dy++) {
                for (int dx = 0; dx < 3; dx++) {
                  int sy = y + dy - 1;
                  int sx = x + dx - 1;
                  if (sy >= 0 && sy < size && sx >= 0 && sx < size) {
                    float v = src[((b * size + sy) * size + sx) * in + c];
                    s += Math.max(0f, v) * weights[((k * inputs + c) * 3 + dy) * 3 + dx];
                  }
                }
              }
            }
            int at = ((b * size + y) * size + x) * out + k;
            assertEquals(residual[at] + gate * s, dst[at], 1e-4, "output " + at);
          }
        }
      }
    }
  }
}
