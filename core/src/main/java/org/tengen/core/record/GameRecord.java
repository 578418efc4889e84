package org.tengen.core.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An uploaded self-play game, wire format version 1 (docs/formats.md): the header, the moves as GTP
 * vertices (which make it replayable) and one training position per move.
 */
public record GameRecord(
    @JsonProperty("version") int version,
    @JsonProperty("rules") String rules,
    @JsonProperty("komi") double komi,
    @JsonProperty("board_size") int boardSize,
    @JsonProperty("network") String network,
    @JsonProperty("moves") List<String> moves,
    @JsonProperty("result") String result,
    @JsonProperty("positions") List<PositionRecord> positions) {

  /** The wire format version this code writes and reads. */
  public static final int VERSION = 1;
}
