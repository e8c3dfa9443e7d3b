package io.smartshare.ledger;

import java.nio.file.Path;

/**
 * What recovery cut off when it opened the log: a torn tail after the last checkpoint, that
 * is, a damaged or incomplete frame at the end of the last segment with no valid frame
 * after it (never a record covered by a signed checkpoint).
 *
 * @param file the segment that was cut
 * @param offset where it was cut
 * @param bytesDropped bytes removed from the end of the segment
 * @param reason why the first dropped frame was rejected
 */
public record Truncation(Path file, long offset, long bytesDropped, String reason) {
}
