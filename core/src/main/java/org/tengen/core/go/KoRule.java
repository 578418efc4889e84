package org.tengen.core.go;

/** Which repetitions are forbidden. */
public enum KoRule {
  /** Only the immediate recapture of a single stone is forbidden. */
  SIMPLE,
  /** No move may recreate an earlier arrangement of stones. */
  POSITIONAL,
  /** No move may recreate an earlier arrangement of stones with the same player to move. */
  SITUATIONAL
}
