package io.smartshare.ledger.storage;

import java.nio.file.Path;

/**
 * What recovery cut off when it opened the log: an incomplete or invalid tail after the
 * last checkpoint (never a record covered by a signed checkpoint).
 *
 * @param file the segment that was cut
 * @param offset where it was cut
 * @param bytesDropped bytes removed from this and any later segment
 * @param reason why the first dropped frame was rejected
 */
public record Truncation(Path file, long offset, long bytesDropped, String reason) {
}
