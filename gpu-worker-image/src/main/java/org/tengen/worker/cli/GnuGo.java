package org.tengen.worker.cli;

/**
 * GNU Go's command lines as the worker's commands start it by default: GTP, Chinese rules, and
 * positional superko, since Tengen's Chinese rules forbid any repeated whole-board position and GNU
 * Go without the flag forbids only simple ko (a game between them could reach a move one side takes
 * as legal and the other refuses).
 */
final class GnuGo {

  private GnuGo() {}

  private static final String RULES = " --mode gtp --chinese-rules --positional-superko";

  /** GNU Go at level 1, the reference strength is measured against. */
  static final String LEVEL_1 = "/usr/games/gnugo" + RULES + " --level 1";

  /** GNU Go at level 10, to place level 1. */
  static final String LEVEL_10 = "/usr/games/gnugo" + RULES + " --level 10";
}
