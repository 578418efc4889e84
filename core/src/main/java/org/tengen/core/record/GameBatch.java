package org.tengen.core.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a worker uploads: {@code gamesPerBatch} games of one run, all played by one network. Stored
 * gzipped at {@code incoming/{contributor}/{uploadId}.json.gz}.
 */
public record GameBatch(
    @JsonProperty("version") int version,
    @JsonProperty("run") String run,
    @JsonProperty("network") String network,
    @JsonProperty("games") List<GameRecord> games) {}
