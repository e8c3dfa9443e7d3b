package io.smartshare.node.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The MQTT service's own store of messages not yet delivered (docs/mqtt.md, "Outbox"), on
 * disk in {@code <data-dir>/mqtt/}: {@code outbox} holds records appended in order, each
 * {@code [length u32][crc32 u32][retained u8][topic length u16][topic][payload]}, and {@code
 * head} the offset of the first record not yet acknowledged by the broker (20 decimal digits,
 * rewritten in place after each acknowledgement, not forced to disk: a head lost or torn by a
 * power cut reads as 0, and messages are sent again). It is bounded in
 * bytes: a message that would pass the bound first drops the oldest ones, which {@link
 * #dropped()} counts. When the delivered part is at least half the file, the rest is copied to
 * a new file that replaces the old one, so the file never grows past twice the bound. A
 * {@code kill -9} loses nothing (the page cache outlives the process); a record torn by a
 * power cut fails its CRC and it and what follows it are cut off at the next start.
 * Delivered messages may be sent again after a crash (MQTT QoS 1 is at least once).
 * Thread-safe (one monitor): producers add while the sender peeks and marks delivered.
 */
final class Outbox implements AutoCloseable {
    static final String FILE = "outbox";
    static final String HEAD = "head";
    private static final int HEADER = 8;

    /** One stored message and where the next one starts. */
    record Message(String topic, byte[] payload, boolean retained, long next) {
    }

    private final Path dir;
    private final long maxBytes;
    private FileChannel file;
    private FileChannel headFile;
    private long head;
    private long end;
    private long dropped;
    private int count;

    private Outbox(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens the outbox in {@code dir}, keeping at most {@code maxBytes} of messages.
     *
     * @throws IOException if it cannot be read or written
     */
    static Outbox open(Path dir, long maxBytes) throws IOException {
        Outbox outbox = new Outbox(dir, maxBytes);
        Files.createDirectories(dir);
        outbox.file = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        outbox.headFile = FileChannel.open(dir.resolve(HEAD), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        outbox.recover(outbox.readHead());
        return outbox;
    }

    private long readHead() throws IOException {
        ByteBuffer digits = ByteBuffer.allocate(20);
        headFile.read(digits, 0);
        try {
            return Long.parseLong(new String(digits.array(), 0, digits.position(), StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            return 0; // none yet, or torn: send again from the start
        }
    }

    private void writeHead() throws IOException {
        ByteBuffer digits = ByteBuffer.wrap(String.format("%020d", head).getBytes(StandardCharsets.US_ASCII));
        while (digits.hasRemaining()) {
            headFile.write(digits, digits.position());
        }
    }

    /** Reads every record from {@code head}, cutting the file at the first one that is torn or damaged. */
    private void recover(long from) throws IOException {
        long size = file.size();
        head = Math.min(Math.max(0, from), size);
        long at = head;
        count = 0;
        while (true) {
            Optional<Message> m = read(at);
            if (m.isEmpty()) {
                break;
            }
            at = m.get().next();
            count++;
        }
        end = at;
        if (end < size) {
            file.truncate(end);
        }
    }

    /** Appends a message, first dropping the oldest ones if it would not fit in the bound. */
    synchronized void add(String topic, byte[] payload, boolean retained) throws IOException {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int bodyLength = 1 + 2 + topicBytes.length + payload.length;
        if (HEADER + bodyLength > maxBytes) {
            dropped++;
            return;
        }
        while (end - head + HEADER + bodyLength > maxBytes) {
            Message oldest = read(head).orElseThrow();
            head = oldest.next();
            count--;
            dropped++;
        }
        ByteBuffer body = ByteBuffer.allocate(bodyLength);
        body.put((byte) (retained ? 1 : 0)).putShort((short) topicBytes.length).put(topicBytes).put(payload).flip();
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        ByteBuffer record = ByteBuffer.allocate(HEADER + bodyLength);
        record.putInt(bodyLength).putInt((int) crc.getValue()).put(body).flip();
        while (record.hasRemaining()) {
            file.write(record, end + record.position());
        }
        end += HEADER + bodyLength;
        count++;
        compactIfHalfDelivered();
        notifyAll();
    }

    /** Waits up to {@code millis} for a message to be added (the sender's idle wait). */
    synchronized void awaitMore(long millis) throws InterruptedException {
        if (head == end) {
            wait(millis);
        }
    }

    /** The oldest message not yet delivered, if any. */
    synchronized Optional<Message> peek() throws IOException {
        return head < end ? read(head) : Optional.empty();
    }

    /** Marks the oldest message delivered (its {@code next} is where the outbox goes on). */
    synchronized void delivered(Message message) throws IOException {
        head = message.next();
        count--;
        writeHead();
        compactIfHalfDelivered();
    }

    /** Messages waiting. */
    synchronized int size() {
        return count;
    }

    /** Bytes of messages waiting. */
    synchronized long bytes() {
        return end - head;
    }

    /** Messages dropped since this node started because the outbox was full. */
    synchronized long dropped() {
        return dropped;
    }

    /** Bytes the file takes on disk now. */
    synchronized long fileBytes() {
        return end;
    }

    private Optional<Message> read(long at) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (readFully(header, at) < HEADER) {
            return Optional.empty();
        }
        header.flip();
        int length = header.getInt();
        int crcValue = header.getInt();
        if (length < 3 || length > maxBytes) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        if (readFully(body, at + HEADER) < length) {
            return Optional.empty();
        }
        body.flip();
        CRC32 crc = new CRC32();
        crc.update(body.duplicate());
        if ((int) crc.getValue() != crcValue) {
            return Optional.empty();
        }
        boolean retained = body.get() == 1;
        int topicLength = body.getShort() & 0xffff;
        if (topicLength > body.remaining()) {
            return Optional.empty();
        }
        byte[] topic = new byte[topicLength];
        body.get(topic);
        byte[] payload = new byte[body.remaining()];
        body.get(payload);
        return Optional.of(new Message(new String(topic, StandardCharsets.UTF_8), payload, retained,
                at + HEADER + length));
    }

    private int readFully(ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = file.read(buffer, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Copies what waits to a new file once at least half the file is delivered or dropped. */
    private void compactIfHalfDelivered() throws IOException {
        if (head == 0 || head < end - head) {
            return;
        }
        Path next = dir.resolve(FILE + ".next");
        try (FileChannel copy = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long at = 0;
            while (at < end - head) {
                at += file.transferTo(head + at, end - head - at, copy);
            }
            copy.force(true);
        }
        long delivered = head;
        head = 0;
        writeHead(); // a crash from here to the move sends the delivered part again: at least once
        file.close();
        Files.move(next, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        file = FileChannel.open(dir.resolve(FILE), StandardOpenOption.READ, StandardOpenOption.WRITE);
        end -= delivered;
    }

    @Override
    public synchronized void close() throws IOException {
        file.force(true);
        file.close();
        headFile.force(true);
        headFile.close();
    }
}
